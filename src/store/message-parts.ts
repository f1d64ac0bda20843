import { type Kysely, sql } from 'kysely';
import { handedOverStates } from './messages.ts';
import type { Database } from './schema.ts';

/**
 * The parts of submitted messages with their gateway ids (migration 0007-dispatch), and the
 * receipts that arrived before their part was written (parked, matched later).
 */
export interface NewPart {
  readonly messageId: number;
  readonly seq: number;
  readonly gatewayId: string;
}

export interface StoredReceipt {
  readonly gatewayId: string;
  readonly status: string;
  readonly errorCode: string | null;
  readonly at: string;
}

export interface MatchedPart {
  readonly messageId: number;
  readonly seq: number;
  readonly gatewayId: string;
}

const chunk = 2_000;

export async function insertParts(
  db: Kysely<Database>,
  parts: readonly NewPart[],
  now: string,
): Promise<void> {
  for (let i = 0; i < parts.length; i += chunk) {
    const rows = parts
      .slice(i, i + chunk)
      .map((p) => sql`(${p.messageId}, ${p.seq}, ${p.gatewayId}, 'submitted', NULL, ${now})`);
    await sql`INSERT INTO message_parts (message_id, seq, gateway_id, status, error_code, updated_at)
      VALUES ${sql.join(rows)}`.execute(db);
  }
}

/** The parts these gateway ids name. */
export async function findParts(
  db: Kysely<Database>,
  gatewayIds: readonly string[],
): Promise<MatchedPart[]> {
  const found: MatchedPart[] = [];
  const unique = [...new Set(gatewayIds)];
  for (let i = 0; i < unique.length; i += chunk) {
    const rows = await sql<{ message_id: number; seq: number; gateway_id: string }>`
      SELECT message_id, seq, gateway_id FROM message_parts
      WHERE gateway_id IN (${sql.join(unique.slice(i, i + chunk))})`.execute(db);
    for (const r of rows.rows) {
      found.push({ messageId: Number(r.message_id), seq: Number(r.seq), gatewayId: r.gateway_id });
    }
  }
  return found;
}

/** Writes receipt statuses on parts, one statement per 2,000 parts. */
export async function updatePartStatuses(
  db: Kysely<Database>,
  updates: ReadonlyArray<{
    messageId: number;
    seq: number;
    status: string;
    errorCode: string | null;
  }>,
  now: string,
): Promise<void> {
  for (let i = 0; i < updates.length; i += chunk) {
    const rows = updates
      .slice(i, i + chunk)
      .map(
        (u) =>
          sql`(CAST(${u.messageId} AS bigint), CAST(${u.seq} AS integer), ${u.status}, ${u.errorCode})`,
      );
    await sql`UPDATE message_parts SET status = v.column3, error_code = v.column4, updated_at = ${now}
      FROM (VALUES ${sql.join(rows)}) AS v
      WHERE message_parts.message_id = v.column1 AND message_parts.seq = v.column2`.execute(db);
  }
}

/** Every part status of these messages, for settling them. */
export async function listPartStatuses(
  db: Kysely<Database>,
  messageIds: readonly number[],
): Promise<Map<number, string[]>> {
  const byMessage = new Map<number, string[]>();
  for (let i = 0; i < messageIds.length; i += chunk) {
    const rows = await sql<{ message_id: number; status: string }>`
      SELECT message_id, status FROM message_parts
      WHERE message_id IN (${sql.join(messageIds.slice(i, i + chunk))})`.execute(db);
    for (const r of rows.rows) {
      const id = Number(r.message_id);
      const list = byMessage.get(id) ?? [];
      list.push(r.status);
      byMessage.set(id, list);
    }
  }
  return byMessage;
}

export async function parkReceipts(
  db: Kysely<Database>,
  receipts: readonly StoredReceipt[],
): Promise<void> {
  for (let i = 0; i < receipts.length; i += chunk) {
    const rows = receipts
      .slice(i, i + chunk)
      .map((r) => sql`(${r.gatewayId}, ${r.status}, ${r.errorCode}, ${r.at})`);
    await sql`INSERT INTO pending_receipts (gateway_id, status, error_code, received_at)
      VALUES ${sql.join(rows)}`.execute(db);
  }
}

/**
 * Drops the parked receipts received before `before`: a receipt no message claimed in days is
 * for no message of ours (another system on the same account, a message of a wiped database).
 * Kept, they only grew the park and the status's `unmatchedReceipts`. Returns how many.
 */
export async function dropParkedReceipts(db: Kysely<Database>, before: string): Promise<number> {
  const result = await sql`DELETE FROM pending_receipts WHERE received_at < ${before}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Parked receipts for these gateway ids, removed from the park (the caller applies them). */
export async function takeParkedReceipts(
  db: Kysely<Database>,
  gatewayIds: readonly string[],
): Promise<StoredReceipt[]> {
  const taken: StoredReceipt[] = [];
  const unique = [...new Set(gatewayIds)];
  for (let i = 0; i < unique.length; i += chunk) {
    const ids = sql.join(unique.slice(i, i + chunk));
    const rows = await sql<{
      gateway_id: string;
      status: string;
      error_code: string | null;
      received_at: string;
    }>`SELECT gateway_id, status, error_code, received_at FROM pending_receipts
      WHERE gateway_id IN (${ids}) ORDER BY id`.execute(db);
    if (rows.rows.length === 0) continue;
    await sql`DELETE FROM pending_receipts WHERE gateway_id IN (${ids})`.execute(db);
    for (const r of rows.rows) {
      taken.push({
        gatewayId: r.gateway_id,
        status: r.status,
        errorCode: r.error_code,
        at: r.received_at,
      });
    }
  }
  return taken;
}

/** How many receipts wait for a part that was never recorded (shown by campaign status). */
export async function countParkedReceipts(db: Kysely<Database>): Promise<number> {
  const row = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM pending_receipts`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/**
 * A campaign's messages handed to the gateway counted by delivery status: the last receipt
 * status of a one-PDU message, the settled state of a multipart one, `awaiting_receipt` while
 * none came.
 */
export async function countDeliveryStatuses(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }>`
    SELECT COALESCE(receipt_status, CASE WHEN state IN ('delivered', 'undeliverable', 'expired')
        THEN state ELSE 'awaiting_receipt' END) AS status, COUNT(*) AS n
    FROM messages
    WHERE workspace_id = ${workspaceId} AND campaign_id = ${campaignId}
      AND state IN (${sql.join(handedOverStates)})
    GROUP BY 1`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
}

/** Whether any receipt is parked (cheap: checked before matching new parts against the park). */
export async function hasParkedReceipts(db: Kysely<Database>): Promise<boolean> {
  const rows = await sql`SELECT 1 AS one FROM pending_receipts LIMIT 1`.execute(db);
  return rows.rows.length > 0;
}

/** Parked receipts whose message or part is now recorded, removed from the park (a sweep). */
export async function takeMatchableParkedReceipts(db: Kysely<Database>): Promise<StoredReceipt[]> {
  const rows = await sql<{
    id: number;
    gateway_id: string;
    status: string;
    error_code: string | null;
    received_at: string;
  }>`SELECT id, gateway_id, status, error_code, received_at FROM pending_receipts r
    WHERE EXISTS (SELECT 1 FROM messages m WHERE m.gateway_id = r.gateway_id)
       OR EXISTS (SELECT 1 FROM message_parts p WHERE p.gateway_id = r.gateway_id)
    ORDER BY id LIMIT 5000`.execute(db);
  if (rows.rows.length === 0) return [];
  await sql`DELETE FROM pending_receipts
    WHERE id IN (${sql.join(rows.rows.map((r) => r.id))})`.execute(db);
  return rows.rows.map((r) => ({
    gatewayId: r.gateway_id,
    status: r.status,
    errorCode: r.error_code,
    at: r.received_at,
  }));
}
