import { type Kysely, sql } from 'kysely';
import type { Capabilities } from './capabilities.ts';
import type { Database } from './schema.ts';

/**
 * The messages table used as a queue by the dispatcher (issue 8): claim due rows, mark them
 * submitting before the PDU leaves, write outcomes in one statement per batch, recover what a
 * dead worker left. Each statement is the same SQL on SQLite and PostgreSQL, except the
 * `FOR UPDATE SKIP LOCKED` of the claim where the engine has it.
 */
export interface ClaimedMessage {
  readonly id: number;
  readonly workspaceId: string;
  readonly campaignId: string;
  readonly contactId: number | null;
  readonly licenceId: string | null;
  readonly seed: boolean;
  readonly phone: string;
  readonly text: string;
  readonly parts: number;
  readonly attempts: number;
}

/** The sending campaign states: a message of any other campaign is not claimed or sent. */
export const liveCampaignStates = ['scheduled', 'sending'] as const;

export interface ClaimRequest {
  readonly workerId: string;
  readonly now: string;
  readonly limit: number;
  readonly campaignId?: string | undefined;
  /** The server's STOP code (TEXTO_STOP_CODE), for workspaces without their own. */
  readonly stopCode?: string | undefined;
}

/**
 * Claims up to `limit` due planned messages of live campaigns for one worker, oldest first.
 * The pick is a CTE: PostgreSQL may re-run an `IN (SELECT … LIMIT … SKIP LOCKED)` subquery and
 * claim more than the limit.
 */
export async function claimDueMessages(
  db: Kysely<Database>,
  caps: Capabilities,
  request: ClaimRequest,
): Promise<ClaimedMessage[]> {
  const { workerId, now, limit, campaignId } = request;
  const onlyCampaign = campaignId === undefined ? sql`` : sql`AND m.campaign_id = ${campaignId}`;
  const lock = caps.skipLocked ? sql`FOR UPDATE OF m SKIP LOCKED` : sql``;
  const result = await sql<{
    id: number;
    workspace_id: string;
    campaign_id: string;
    contact_id: number | null;
    licence_id: string | null;
    seed: number;
    phone: string;
    text: string;
    parts: number;
    attempts: number;
  }>`WITH picked AS (
      SELECT m.id AS pick_id FROM messages m JOIN campaigns c ON c.id = m.campaign_id
      WHERE m.state = 'planned' AND m.planned_at <= ${now}
        AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ${now})
        AND c.state IN ('scheduled', 'sending') ${onlyCampaign}
      ORDER BY m.planned_at LIMIT ${limit} ${lock})
    UPDATE messages SET state = 'claimed', worker_id = ${workerId}, updated_at = ${now}
    FROM picked WHERE messages.id = picked.pick_id AND messages.state = 'planned'
    RETURNING id, workspace_id, campaign_id, contact_id, licence_id, seed, phone, text, parts, attempts`.execute(
    db,
  );
  return result.rows
    .map((r) => ({
      id: Number(r.id),
      workspaceId: r.workspace_id,
      campaignId: r.campaign_id,
      contactId: r.contact_id === null ? null : Number(r.contact_id),
      licenceId: r.licence_id,
      seed: Number(r.seed) === 1,
      phone: r.phone,
      text: r.text,
      parts: Number(r.parts),
      attempts: Number(r.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Moves this worker's claimed messages to `submitting` (durably, before any PDU leaves) unless
 * their campaign left the live states or they were cancelled meanwhile. Returns the ids moved:
 * only those may be sent.
 */
export async function markSubmitting(
  db: Kysely<Database>,
  workerId: string,
  ids: readonly number[],
  now: string,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: number }>`UPDATE messages
    SET state = 'submitting', attempts = attempts + 1, updated_at = ${now}
    WHERE id IN (${sql.join(ids)}) AND state = 'claimed' AND worker_id = ${workerId}
      AND campaign_id IN (SELECT id FROM campaigns WHERE state IN ('scheduled', 'sending'))
    RETURNING id`.execute(db);
  return new Set(result.rows.map((r) => Number(r.id)));
}

/** One message's new state; absent fields keep their value. */
export interface MessageChange {
  readonly id: number;
  readonly state: string;
  readonly plannedAt?: string;
  readonly nextAttemptAt?: string | null;
  readonly errorCode?: string | null;
  readonly gatewayId?: string;
}

/** Statement sizes for lists of any length: each text recurs, so it is prepared once. */
const fixedSizes = [512, 128, 32, 8, 1];

/**
 * Splits a list into chunks of the fixed sizes, largest first (150 → 128 + 8·2 + 1·6). A group
 * commit's size varies from one flush to the next: one VALUES statement of exactly that size was
 * a new SQL text each time, prepared anew (about as costly as the update itself on SQLite);
 * these few texts stay in the statement cache (statement-cache.ts).
 */
function fixedChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let at = 0;
  for (const size of fixedSizes) {
    while (items.length - at >= size) {
      chunks.push(items.slice(at, at + size));
      at += size;
    }
  }
  return chunks;
}

/**
 * Writes many messages' new states in one UPDATE … FROM (VALUES …) per fixed-size chunk (fixedChunks). Planned
 * (re-queued) rows lose their worker. `from` limits the change to rows still in those states.
 */
export async function updateMessages(
  db: Kysely<Database>,
  changes: readonly MessageChange[],
  now: string,
  from: readonly string[],
): Promise<number> {
  let changed = 0;
  for (const chunk of fixedChunks(changes)) {
    const rows = chunk.map(
      (c) =>
        sql`(CAST(${c.id} AS bigint), ${c.state}, ${c.plannedAt ?? null}, ${
          c.nextAttemptAt === undefined ? 'keep' : 'set'
        }, ${c.nextAttemptAt ?? null}, ${c.errorCode === undefined ? 'keep' : 'set'}, ${
          c.errorCode ?? null
        }, ${c.gatewayId ?? null})`,
    );
    const result = await sql`UPDATE messages SET
        state = v.column2,
        planned_at = COALESCE(v.column3, messages.planned_at),
        next_attempt_at = CASE WHEN v.column4 = 'set' THEN v.column5 ELSE messages.next_attempt_at END,
        error_code = CASE WHEN v.column6 = 'set' THEN v.column7 ELSE messages.error_code END,
        gateway_id = COALESCE(v.column8, messages.gateway_id),
        worker_id = CASE WHEN v.column2 = 'planned' THEN NULL ELSE messages.worker_id END,
        updated_at = ${now}
      FROM (VALUES ${sql.join(rows)}) AS v
      WHERE messages.id = v.column1 AND messages.state IN (${sql.join([...from])})`.execute(db);
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}

/** A clean stop: this worker's claimed (never submitting) messages go back to planned. */
export async function releaseClaimed(
  db: Kysely<Database>,
  workerId: string,
  now: string,
): Promise<number> {
  const result = await sql`UPDATE messages SET state = 'planned', worker_id = NULL,
      updated_at = ${now} WHERE state = 'claimed' AND worker_id = ${workerId}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * What workers that are not alive left behind: `submitting` → `unknown` (the PDU may have left:
 * never resent), `claimed` → `planned`. Alive = a heartbeat at or after `aliveSince`.
 */
export async function recoverAbandoned(
  db: Kysely<Database>,
  aliveSince: string,
  now: string,
): Promise<{ unknown: number; replanned: number }> {
  const dead = sql`(worker_id IS NULL OR worker_id NOT IN
    (SELECT id FROM dispatch_workers WHERE heartbeat_at >= ${aliveSince}))`;
  const lost = await sql`UPDATE messages SET state = 'unknown', error_code = 'worker_lost',
      updated_at = ${now} WHERE state = 'submitting' AND ${dead}`.execute(db);
  const back = await sql`UPDATE messages SET state = 'planned', worker_id = NULL,
      updated_at = ${now} WHERE state = 'claimed' AND ${dead}`.execute(db);
  return {
    unknown: Number(lost.numAffectedRows ?? 0),
    replanned: Number(back.numAffectedRows ?? 0),
  };
}

/** A STOP: every pending (planned or claimed) message of the number in the workspace. */
export async function cancelPendingForPhone(
  db: Kysely<Database>,
  workspaceId: string,
  phone: string,
  now: string,
): Promise<number> {
  const result = await sql`UPDATE messages SET state = 'cancelled', error_code = 'stop',
      worker_id = NULL, updated_at = ${now}
    WHERE workspace_id = ${workspaceId} AND phone = ${phone}
      AND state IN ('planned', 'claimed')`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Campaigns of these ids still sending with nothing left to hand off → completed. */
export async function completeFinishedCampaigns(
  db: Kysely<Database>,
  campaignIds: readonly string[],
  now: string,
): Promise<void> {
  if (campaignIds.length === 0) return;
  await sql`UPDATE campaigns SET state = 'completed', updated_at = ${now}
    WHERE id IN (${sql.join([...campaignIds])}) AND state = 'sending'
      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.campaign_id = campaigns.id
        AND m.state IN ('planned', 'claimed', 'submitting'))`.execute(db);
}

/** Scheduled campaigns whose messages are being claimed → sending. */
export async function markCampaignsSending(
  db: Kysely<Database>,
  campaignIds: readonly string[],
  now: string,
): Promise<void> {
  if (campaignIds.length === 0) return;
  await sql`UPDATE campaigns SET state = 'sending', updated_at = ${now}
    WHERE id IN (${sql.join([...campaignIds])}) AND state = 'scheduled'`.execute(db);
}

/** Messages of a campaign waiting for a retry (transient rejection) whose plan is due. */
/** When the campaign's next planned message is due, or null when none is left planned. */
export async function nextPlannedAt(
  db: Kysely<Database>,
  campaignId: string,
): Promise<string | null> {
  const rows = await sql<{ at: string | null }>`SELECT MIN(planned_at) AS at FROM messages
    WHERE campaign_id = ${campaignId} AND state = 'planned'`.execute(db);
  return rows.rows[0]?.at ?? null;
}

export async function countPendingRetries(
  db: Kysely<Database>,
  campaignId: string,
  now: string,
): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM messages
    WHERE campaign_id = ${campaignId} AND state = 'planned' AND planned_at <= ${now}
      AND next_attempt_at IS NOT NULL`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}

/**
 * Accepted by the gateway: submitting → submitted with the first part's gateway id. When the
 * receipt came in the same group commit, the row goes straight to its settled state with the
 * receipt status (the same transaction would have written both).
 */
export async function markSubmitted(
  db: Kysely<Database>,
  rows: ReadonlyArray<{
    id: number;
    gatewayId: string;
    state?: string;
    receiptStatus?: string;
    errorCode?: string | null;
  }>,
  now: string,
): Promise<void> {
  for (const chunk of fixedChunks(rows)) {
    const values = chunk.map(
      (r) =>
        sql`(CAST(${r.id} AS bigint), ${r.gatewayId}, ${r.state ?? 'submitted'}, ${
          r.receiptStatus ?? null
        }, ${r.errorCode ?? null})`,
    );
    await sql`UPDATE messages SET state = v.column3, gateway_id = v.column2,
        receipt_status = v.column4, error_code = v.column5, updated_at = ${now}
      FROM (VALUES ${sql.join(values)}) AS v
      WHERE messages.id = v.column1 AND messages.state = 'submitting'`.execute(db);
  }
}

/**
 * Receipts of messages sent as one PDU (no message_parts rows), all with the same status and
 * error: the receipt status is stored and, for a final status, the message settles (from submitted or unknown). Returns the
 * gateway ids that matched a one-part message.
 */
export async function applyOnePartReceipts(
  db: Kysely<Database>,
  receipt: { status: string; settled: string | null; errorCode: string | null },
  gatewayIds: readonly string[],
  now: string,
): Promise<Set<string>> {
  const matched = new Set<string>();
  const state =
    receipt.settled === null
      ? sql`state`
      : sql`CASE WHEN state IN ('submitted', 'unknown') THEN ${receipt.settled} ELSE state END`;
  for (const chunk of fixedChunks(gatewayIds)) {
    const result = await sql<{ gateway_id: string }>`UPDATE messages
      SET receipt_status = ${receipt.status}, state = ${state},
        error_code = COALESCE(${receipt.errorCode}, error_code), updated_at = ${now}
      WHERE gateway_id IN (${sql.join(chunk)})
        AND NOT EXISTS (SELECT 1 FROM message_parts p WHERE p.message_id = messages.id)
      RETURNING gateway_id`.execute(db);
    for (const r of result.rows) matched.add(r.gateway_id);
  }
  return matched;
}
