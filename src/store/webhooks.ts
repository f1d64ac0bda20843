import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** A workspace's webhook endpoint; `secret` signs its deliveries (HMAC-SHA256). */
export interface WebhookRow {
  readonly id: string;
  readonly workspace_id: string;
  readonly url: string;
  /** JSON array of event types. */
  readonly events: string;
  readonly secret: string;
  readonly active: number;
  readonly created_at: string;
}

/** One event for one endpoint: the delivery log, with its attempts. */
export interface DeliveryRow {
  readonly id: number;
  readonly webhook_id: string;
  readonly workspace_id: string;
  readonly event_key: string;
  readonly event_type: string;
  readonly payload: string;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly next_attempt_at: string;
  readonly last_status: number | null;
  readonly last_error: string | null;
  readonly created_at: string;
  readonly delivered_at: string | null;
}

export async function insertWebhook(db: Kysely<Database>, row: WebhookRow): Promise<void> {
  await sql`INSERT INTO webhooks (id, workspace_id, url, events, secret, active, created_at)
    VALUES (${row.id}, ${row.workspace_id}, ${row.url}, ${row.events}, ${row.secret},
      ${row.active}, ${row.created_at})`.execute(db);
}

export async function listWebhooks(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; after?: string | undefined } = { limit: 1000 },
): Promise<WebhookRow[]> {
  const after = page.after ? sql`AND id > ${page.after}` : sql``;
  const r = await sql<WebhookRow>`SELECT * FROM webhooks WHERE workspace_id = ${workspaceId}
    ${after} ORDER BY id LIMIT ${page.limit}`.execute(db);
  return r.rows;
}

export async function findWebhook(db: Kysely<Database>, workspaceId: string, id: string) {
  const r = await sql<WebhookRow>`SELECT * FROM webhooks
    WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(db);
  return r.rows[0];
}

export async function deleteWebhook(db: Kysely<Database>, workspaceId: string, id: string) {
  const r =
    await sql`DELETE FROM webhooks WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** Active endpoints of every workspace that listen to `eventType`. */
export async function listActiveWebhooks(db: Kysely<Database>): Promise<WebhookRow[]> {
  const r = await sql<WebhookRow>`SELECT * FROM webhooks WHERE active = 1`.execute(db);
  return r.rows;
}

/** Queues an event once per endpoint (a second insert of the same key is ignored). */
export async function queueDelivery(
  db: Kysely<Database>,
  row: Pick<DeliveryRow, 'webhook_id' | 'workspace_id' | 'event_key' | 'event_type' | 'payload'>,
  now: string,
): Promise<void> {
  await sql`INSERT INTO webhook_deliveries (webhook_id, workspace_id, event_key, event_type,
      payload, state, attempts, next_attempt_at, created_at)
    VALUES (${row.webhook_id}, ${row.workspace_id}, ${row.event_key}, ${row.event_type},
      ${row.payload}, 'pending', 0, ${now}, ${now})
    ON CONFLICT (webhook_id, event_key) DO NOTHING`.execute(db);
}

export async function listDueDeliveries(db: Kysely<Database>, now: string, limit: number) {
  const r = await sql<DeliveryRow>`SELECT * FROM webhook_deliveries
    WHERE state = 'pending' AND next_attempt_at <= ${now}
    ORDER BY next_attempt_at, id LIMIT ${limit}`.execute(db);
  return r.rows.map((d) => ({ ...d, id: Number(d.id) }));
}

export async function recordAttempt(
  db: Kysely<Database>,
  id: number,
  change: Pick<DeliveryRow, 'state' | 'next_attempt_at' | 'last_status' | 'last_error'> & {
    delivered_at: string | null;
  },
): Promise<void> {
  await sql`UPDATE webhook_deliveries SET state = ${change.state}, attempts = attempts + 1,
      next_attempt_at = ${change.next_attempt_at}, last_status = ${change.last_status},
      last_error = ${change.last_error}, delivered_at = ${change.delivered_at}
    WHERE id = ${id}`.execute(db);
}

/** The delivery log of a workspace, newest first. */
export async function listDeliveries(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; before?: number | undefined; webhookId?: string | undefined },
): Promise<DeliveryRow[]> {
  const before = page.before !== undefined ? sql`AND id < ${page.before}` : sql``;
  const hook = page.webhookId ? sql`AND webhook_id = ${page.webhookId}` : sql``;
  const r = await sql<DeliveryRow>`SELECT * FROM webhook_deliveries
    WHERE workspace_id = ${workspaceId} ${before} ${hook} ORDER BY id DESC LIMIT ${page.limit}`.execute(
    db,
  );
  return r.rows.map((d) => ({ ...d, id: Number(d.id) }));
}

export async function readCursor(db: Kysely<Database>, name: string): Promise<string | undefined> {
  const r = await sql<{
    value: string;
  }>`SELECT value FROM webhook_cursors WHERE name = ${name}`.execute(db);
  return r.rows[0]?.value;
}

export async function writeCursor(db: Kysely<Database>, name: string, value: string) {
  await sql`INSERT INTO webhook_cursors (name, value) VALUES (${name}, ${value})
    ON CONFLICT (name) DO UPDATE SET value = ${value}`.execute(db);
}

/** Campaign states changed since last seen (first sight of a campaign counts as a change). */
export async function listChangedCampaignStates(db: Kysely<Database>) {
  const r = await sql<{ id: string; workspace_id: string; state: string; updated_at: string }>`
    SELECT c.id, c.workspace_id, c.state, c.updated_at FROM campaigns c
    LEFT JOIN webhook_campaign_states s ON s.campaign_id = c.id
    WHERE s.state IS NULL OR s.state <> c.state`.execute(db);
  return r.rows;
}

export async function rememberCampaignState(db: Kysely<Database>, id: string, state: string) {
  await sql`INSERT INTO webhook_campaign_states (campaign_id, state) VALUES (${id}, ${state})
    ON CONFLICT (campaign_id) DO UPDATE SET state = ${state}`.execute(db);
}

/** Replies after `afterId` (all workspaces), oldest first. */
export async function listRepliesAfter(db: Kysely<Database>, afterId: number, limit: number) {
  const r = await sql<{
    id: number;
    workspace_id: string | null;
    campaign_id: string | null;
    phone: string;
    text: string;
    interpretation: string;
    action: string;
    received_at: string;
  }>`SELECT id, workspace_id, campaign_id, phone, text, interpretation, action, received_at
    FROM inbound_messages WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/** Messages whose state changed at or after `since` (oldest first), in states worth a webhook. */
export async function listMessagesUpdatedSince(db: Kysely<Database>, since: string, limit: number) {
  const r = await sql<{
    id: number;
    workspace_id: string;
    campaign_id: string;
    phone: string;
    masked: number;
    state: string;
    error_code: string | null;
    updated_at: string;
  }>`SELECT id, workspace_id, campaign_id, phone, masked, state, error_code, updated_at
    FROM messages
    WHERE updated_at >= ${since}
      AND state IN ('submitted', 'delivered', 'undeliverable', 'expired', 'failed', 'unknown')
    ORDER BY updated_at LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), masked: Number(x.masked) }));
}
