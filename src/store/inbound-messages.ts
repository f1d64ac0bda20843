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

/** A message to a number that a reply from it may answer. */
export interface MessageToNumber {
  readonly id: number;
  readonly workspaceId: string;
  readonly campaignId: string;
  readonly licenceId: string | null;
  readonly seed: boolean;
  /** Handed to the gateway (else still planned or claimed: the reply came before it). */
  readonly sent: boolean;
  /** The STOP short code of its workspace's settings (null: the server's). */
  readonly stopCode: string | null;
}

/**
 * The messages a reply from `phone` may answer: per workspace, its latest message handed to
 * the gateway and its latest one still to go, newest first. Latest by when it was due
 * (`planned_at`, which a hand-off follows within its claim and which nothing moves
 * afterwards), not by `updated_at`: a delivery receipt moves that, so a late receipt of an
 * older campaign made it "the latest" and its advertiser got the STOP meant for another.
 */
export async function findMessagesTo(
  db: Kysely<Database>,
  phone: string,
): Promise<MessageToNumber[]> {
  const { rows } = await sql<{
    id: number;
    workspace_id: string;
    campaign_id: string;
    licence_id: string | null;
    seed: number;
    sent: number;
    stop_code: string | null;
  }>`SELECT m.id, m.workspace_id, m.campaign_id, m.licence_id, m.seed, m.sent, s.stop_code
    FROM (SELECT id, workspace_id, campaign_id, licence_id, seed, planned_at,
            CASE WHEN state IN ('planned', 'claimed') THEN 0 ELSE 1 END AS sent,
            ROW_NUMBER() OVER (
              PARTITION BY workspace_id, CASE WHEN state IN ('planned', 'claimed') THEN 0 ELSE 1 END
              ORDER BY planned_at DESC, id DESC) AS rn
          FROM messages WHERE phone = ${phone} AND state NOT IN ('cancelled', 'refused')) m
    LEFT JOIN workspace_settings s ON s.workspace_id = m.workspace_id
    WHERE m.rn = 1 ORDER BY m.planned_at DESC, m.id DESC`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    workspaceId: r.workspace_id,
    campaignId: r.campaign_id,
    licenceId: r.licence_id,
    seed: Number(r.seed) === 1,
    sent: Number(r.sent) === 1,
    stopCode: r.stop_code,
  }));
}

/** The workspaces whose own settings name `code` as their STOP short code. */
export async function findWorkspacesByStopCode(
  db: Kysely<Database>,
  code: string,
): Promise<string[]> {
  const { rows } = await sql<{ workspace_id: string }>`SELECT workspace_id FROM workspace_settings
    WHERE stop_code = ${code}`.execute(db);
  return rows.map((r) => r.workspace_id);
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
