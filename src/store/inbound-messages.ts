import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** A reply (MO) as stored with its interpretation and what Texto did about it. */
export interface InboundMessageRow {
  readonly id: number;
  readonly workspaceId: string | null;
  readonly campaignId: string | null;
  readonly messageId: number | null;
  readonly phone: string;
  readonly recipient: string;
  readonly text: string;
  readonly interpretation: string;
  readonly action: string;
  readonly gatewayId: string | null;
  readonly receivedAt: string;
}

export async function insertInboundMessage(
  db: Kysely<Database>,
  row: Omit<InboundMessageRow, 'id'>,
  now: string,
): Promise<void> {
  await sql`INSERT INTO inbound_messages (workspace_id, campaign_id, message_id, phone, recipient,
      text, interpretation, action, gateway_id, received_at, created_at)
    VALUES (${row.workspaceId}, ${row.campaignId}, ${row.messageId}, ${row.phone},
      ${row.recipient}, ${row.text}, ${row.interpretation}, ${row.action}, ${row.gatewayId},
      ${row.receivedAt}, ${now})`.execute(db);
}

/** A workspace's replies, newest first. */
export async function listInboundMessages(
  db: Kysely<Database>,
  workspaceId: string,
  limit: number,
): Promise<InboundMessageRow[]> {
  const rows = await sql<{
    id: number;
    workspace_id: string | null;
    campaign_id: string | null;
    message_id: number | null;
    phone: string;
    recipient: string;
    text: string;
    interpretation: string;
    action: string;
    gateway_id: string | null;
    received_at: string;
  }>`SELECT id, workspace_id, campaign_id, message_id, phone, recipient, text, interpretation,
      action, gateway_id, received_at FROM inbound_messages
    WHERE workspace_id = ${workspaceId} ORDER BY id DESC LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    workspaceId: r.workspace_id,
    campaignId: r.campaign_id,
    messageId: r.message_id === null ? null : Number(r.message_id),
    phone: r.phone,
    recipient: r.recipient,
    text: r.text,
    interpretation: r.interpretation,
    action: r.action,
    gatewayId: r.gateway_id,
    receivedAt: r.received_at,
  }));
}

/**
 * The latest message sent to a number (any workspace): whose campaign a reply answers. Latest
 * by when it was due (`planned_at`, which a hand-off follows within its claim and which nothing
 * moves afterwards), not by `updated_at`: a delivery receipt moves that, so a late receipt of
 * an older campaign made it "the latest" and its advertiser got the STOP meant for another.
 */
export async function findLatestMessageTo(
  db: Kysely<Database>,
  phone: string,
): Promise<
  | { id: number; workspaceId: string; campaignId: string; licenceId: string | null; seed: boolean }
  | undefined
> {
  const rows = await sql<{
    id: number;
    workspace_id: string;
    campaign_id: string;
    licence_id: string | null;
    seed: number;
  }>`SELECT id, workspace_id, campaign_id, licence_id, seed FROM messages
    WHERE phone = ${phone} AND state NOT IN ('planned', 'claimed', 'cancelled', 'refused')
    ORDER BY planned_at DESC, id DESC LIMIT 1`.execute(db);
  const r = rows.rows[0];
  return (
    r && {
      id: Number(r.id),
      workspaceId: r.workspace_id,
      campaignId: r.campaign_id,
      licenceId: r.licence_id,
      seed: Number(r.seed) === 1,
    }
  );
}

/** Replies to a campaign read as an opt-out (STOP and probable STOP). */
export async function countCampaignOptOuts(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM inbound_messages
    WHERE campaign_id = ${campaignId} AND interpretation IN ('stop', 'probable_stop')
      AND workspace_id = ${workspaceId}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
