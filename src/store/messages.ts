import type { Generated, Kysely } from 'kysely';
import type { BulkSession, BulkTable } from './db.ts';
import type { Database } from './schema.ts';

/** Message states (docs/architecture.md, Dispatch): the main line and the side exits. */
export const messageStates = [
  'planned',
  'claimed',
  'submitting',
  'submitted',
  'delivered',
  'undeliverable',
  'expired',
  'cancelled',
  'refused',
  'failed',
  'unknown',
] as const;
export type MessageState = (typeof messageStates)[number];

/** Handed to the gateway, whatever its receipt said since (a failed send never left). */
export const handedOverStates: readonly MessageState[] = [
  'submitted',
  'delivered',
  'undeliverable',
  'expired',
  'unknown',
];

/**
 * The messages table (migration 0006-campaigns): the dispatcher's queue. The text is rendered
 * at plan time. `phone` is E.164; `masked` = 1 for a rented contact or a seed, whose number
 * the workspace must never see (routage, LIST-05): every output masks it.
 */
export interface MessagesTable {
  id: Generated<number>;
  workspace_id: string;
  campaign_id: string;
  contact_id: number | null;
  licence_id: string | null;
  seed: number;
  masked: number;
  phone: string;
  text: string;
  parts: number;
  encoding: 'GSM-7' | 'UCS-2';
  planned_at: string;
  window_ends_at: string;
  state: MessageState;
  attempts: number;
  next_attempt_at: string | null;
  gateway_id: string | null;
  error_code: string | null;
  created_at: string;
  updated_at: string;
}

/** A row to write at schedule time; retry and gateway columns start null (left out of the insert). */
export type NewMessageRow = Omit<
  MessagesTable,
  'id' | 'next_attempt_at' | 'gateway_id' | 'error_code'
>;

type MessageDb = Kysely<Database & { messages: MessagesTable }>;

export function messageTables(db: Kysely<Database>): MessageDb {
  return db.withTables<{ messages: MessagesTable }>();
}

/**
 * Writes message rows in the caller's bulk transaction: COPY on PostgreSQL, one prepared
 * INSERT reused on SQLite. (The bulk session types its tables as contacts and consent events;
 * its insert works for any table, so messages go through it as well.)
 */
export async function insertMessages(
  session: BulkSession,
  rows: readonly NewMessageRow[],
): Promise<void> {
  await session.insertRows('messages' as BulkTable, rows as unknown as Record<string, unknown>[]);
}

/** A campaign's messages counted by state (states without messages are absent). */
export async function countMessagesByState(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<Partial<Record<MessageState, number>>> {
  const rows = await messageTables(db)
    .selectFrom('messages')
    .select(['state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('workspace_id', '=', workspaceId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Cancels a campaign's messages not yet handed to a worker's send (planned or claimed). */
export async function cancelPendingMessages(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  at: string,
): Promise<number> {
  const result = await messageTables(db)
    .updateTable('messages')
    .set({ state: 'cancelled', updated_at: at })
    .where('campaign_id', '=', campaignId)
    .where('workspace_id', '=', workspaceId)
    .where('state', 'in', ['planned', 'claimed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface StoredMessage {
  readonly id: number;
  readonly phone: string;
  readonly masked: boolean;
  readonly seed: boolean;
  readonly parts: number;
  readonly state: MessageState;
  readonly plannedAt: string;
  readonly windowEndsAt: string;
}

/** A campaign's messages in id pages (keyset), for outputs and checks. */
export async function* iterateCampaignMessages(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  pageSize = 10_000,
): AsyncGenerator<StoredMessage[]> {
  let after = 0;
  for (;;) {
    const rows = await messageTables(db)
      .selectFrom('messages')
      .select(['id', 'phone', 'masked', 'seed', 'parts', 'state', 'planned_at', 'window_ends_at'])
      .where('campaign_id', '=', campaignId)
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) {
      yield rows.map((r) => ({
        id: Number(r.id),
        phone: r.phone,
        masked: Number(r.masked) === 1,
        seed: Number(r.seed) === 1,
        parts: Number(r.parts),
        state: r.state,
        plannedAt: r.planned_at,
        windowEndsAt: r.window_ends_at,
      }));
    }
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}
