import { sql } from 'kysely';
import type { Store } from '../store/db.ts';
import {
  findParts,
  insertParts,
  listPartStatuses,
  type MatchedPart,
  type NewPart,
  parkReceipts,
  type StoredReceipt,
  takeMatchableParkedReceipts,
  takeParkedReceipts,
  updatePartStatuses,
} from '../store/message-parts.ts';
import {
  applyOnePartReceipts,
  type MessageChange,
  markSubmitted,
  updateMessages,
} from '../store/message-queue.ts';
import type { ReceiptEvent } from '../transports/transport.ts';
import { settleMessage } from './settle-message.ts';

/** A sent message's outcome, or a hand-off decision, to write. */
export type Outcome =
  | { readonly kind: 'submitted'; readonly id: number; readonly partIds: readonly string[] }
  /** A change of a message still in `from` (submitting for send results, claimed before). */
  | {
      readonly kind: 'change';
      readonly change: MessageChange;
      readonly from: 'claimed' | 'submitting';
    };

export interface OutcomeWriter {
  /** Resolves once the outcomes are committed. */
  record(outcomes: readonly Outcome[]): Promise<void>;
  /** Resolves once the receipt is committed (applied, or parked until its part is written). */
  recordReceipt(event: ReceiptEvent): Promise<void>;
  /**
   * Runs `work` while no group commit is being written, holding the next one until it ends:
   * a transaction on the dispatcher's connection (a STOP reply) then never sees the writer
   * thread commit between its first read and its first write (SQLITE_BUSY_SNAPSHOT).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Writes what is pending and stops accepting work. */
  close(): Promise<void>;
  readonly stats: { flushes: number; receipts: number; parked: number };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** One group commit's worth of work, as sent to whoever writes it (this thread or another). */
export interface WriterBatch {
  readonly outcomes: readonly Outcome[];
  readonly receipts: readonly ReceiptEvent[];
  /** Epoch ms of the commit (the writer's clock). */
  readonly now: number;
  /** Also match receipts parked by other workers (once a second). */
  readonly sweep: boolean;
}

/** Writes one batch in one transaction; returns the receipts it saw and those it parked. */
export type FlushBatch = (batch: WriterBatch) => Promise<{ receipts: number; parked: number }>;

/**
 * Group commit for the dispatcher: send outcomes and receipts queue here and are written
 * together, one transaction per flush, a few statements per flush whatever its size; outcomes
 * before receipts, so a receipt that overtook its send result finds its part. While a flush
 * runs, the next one accumulates. `flush` writes on this thread by default; on SQLite the
 * dispatch runtime gives one that writes on a worker thread's own connection.
 */
export function createOutcomeWriter(
  store: Store,
  clock: () => number = Date.now,
  flushDelayMs = 15,
  flush: FlushBatch = flushInTransaction(store),
  onClose: () => Promise<void> = async () => {},
): OutcomeWriter {
  let outcomes: Outcome[] = [];
  let receipts: ReceiptEvent[] = [];
  /** Settled when the batch being gathered is committed: one promise per commit, not per item. */
  let waiters: Waiter | null = null;
  let committed: Promise<void> | null = null;
  let running: Promise<void> | null = null;
  let lastSweep = clock();
  const stats = { flushes: 0, receipts: 0, parked: 0 };
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = lock.then(work);
    lock = result.catch(() => {});
    return result;
  };

  const schedule = (): void => {
    if (running) return;
    running = (async () => {
      while (outcomes.length > 0 || receipts.length > 0) {
        // Let a small batch grow for a few milliseconds: fewer, larger transactions.
        if (outcomes.length + receipts.length < 1000) await sleep(flushDelayMs);
        const sweep = clock() - lastSweep >= 1000;
        if (sweep) lastSweep = clock();
        const batch = { outcomes, receipts, waiters };
        outcomes = [];
        receipts = [];
        waiters = null;
        committed = null;
        try {
          const counts = await exclusive(() =>
            flush({ outcomes: batch.outcomes, receipts: batch.receipts, now: clock(), sweep }),
          );
          stats.flushes += 1;
          stats.receipts += counts.receipts;
          stats.parked += counts.parked;
          batch.waiters?.resolve();
        } catch (error) {
          batch.waiters?.reject(error);
        }
      }
      running = null;
    })();
  };
  const wait = (): Promise<void> => {
    if (!committed) {
      committed = new Promise<void>((resolve, reject) => {
        waiters = { resolve, reject };
      });
    }
    schedule();
    return committed;
  };
  return {
    stats,
    exclusive,
    record(list) {
      if (list.length === 0) return Promise.resolve();
      outcomes.push(...list);
      return wait();
    },
    recordReceipt(event) {
      receipts.push(event);
      return wait();
    },
    async close() {
      while (running) await running;
      await onClose();
    },
  };
}

/**
 * The flush of one connection: each batch in one transaction. `immediate` (SQLite, a second
 * connection beside the dispatcher's): BEGIN IMMEDIATE takes the write lock first, waiting for
 * it (busy_timeout), instead of failing when a read transaction tries to become a write one.
 */
export function flushInTransaction(store: Store, immediate = false): FlushBatch {
  let parkedSoFar = 0;
  return async (batch) => {
    const stats = { flushes: 0, receipts: 0, parked: parkedSoFar };
    const clock = () => batch.now;
    const write = (db: Store['db']) =>
      writeBatch({ ...store, db }, batch.outcomes, batch.receipts, clock, stats, batch.sweep);
    if (!immediate) await store.db.transaction().execute(write);
    else {
      await store.db.connection().execute(async (db) => {
        await sql`BEGIN IMMEDIATE`.execute(db);
        try {
          await write(db);
          await sql`COMMIT`.execute(db);
        } catch (error) {
          await sql`ROLLBACK`.execute(db);
          throw error;
        }
      });
    }
    const parked = stats.parked - parkedSoFar;
    parkedSoFar = stats.parked;
    return { receipts: stats.receipts, parked };
  };
}

async function writeBatch(
  store: Store,
  outcomes: readonly Outcome[],
  events: readonly ReceiptEvent[],
  clock: () => number,
  stats: OutcomeWriter['stats'],
  sweep: boolean,
): Promise<void> {
  const now = new Date(clock()).toISOString();
  const submitted: Parameters<typeof markSubmitted>[1][number][] = [];
  const parts: NewPart[] = [];
  const fromClaimed: MessageChange[] = [];
  const fromSubmitting: MessageChange[] = [];
  // A receipt that came with its own send result in this commit is written with it.
  const early = new Map<string, ReceiptEvent>();
  for (const e of events) early.set(e.gatewayId, e);
  const used = new Set<ReceiptEvent>();
  for (const o of outcomes) {
    if (o.kind === 'submitted') {
      const gatewayId = o.partIds[0] ?? '';
      const receipt = o.partIds.length === 1 ? early.get(gatewayId) : undefined;
      if (receipt) {
        used.add(receipt);
        submitted.push({
          id: o.id,
          gatewayId,
          state: settleMessage([receipt.status], 1) ?? 'submitted',
          receiptStatus: receipt.status,
          errorCode: receipt.error ?? null,
        });
      } else submitted.push({ id: o.id, gatewayId });
      // One PDU: matched by messages.gateway_id; several: one row per part.
      if (o.partIds.length > 1) {
        o.partIds.forEach((gatewayId, seq) => {
          parts.push({ messageId: o.id, seq, gatewayId });
        });
      }
    } else if (o.from === 'claimed') fromClaimed.push(o.change);
    else fromSubmitting.push(o.change);
  }
  await updateMessages(store.db, fromClaimed, now, ['claimed']);
  await updateMessages(store.db, fromSubmitting, now, ['submitting']);
  await markSubmitted(store.db, submitted, now);
  await insertParts(store.db, parts, now);
  // When SQLite runs on the dispatcher's thread (in-memory store): let the sockets breathe.
  await yieldToIo();
  const receipts: StoredReceipt[] = [];
  if (sweep) receipts.push(...(await takeMatchableParkedReceipts(store.db)));
  else if (submitted.length > 0 && stats.parked > 0) {
    // This writer parked receipts: match them with the parts just written. Receipts parked by
    // other workers are matched by the sweep (every second).
    const ids = [...submitted.map((s) => s.gatewayId), ...parts.map((p) => p.gatewayId)];
    receipts.push(...(await takeParkedReceipts(store.db, ids)));
  }
  for (const e of events) {
    if (used.has(e)) continue;
    receipts.push({
      gatewayId: e.gatewayId,
      status: e.status,
      errorCode: e.error ?? null,
      at: e.at.toISOString(),
    });
  }
  stats.receipts += events.length;
  if (receipts.length === 0) return;
  const rest = await applyOnePart(store, receipts, now);
  if (rest.length === 0) return;
  const unmatched = await applyMultipart(store, rest, now);
  stats.parked += unmatched.length;
  await parkReceipts(store.db, unmatched);
}

/** Receipts of one-PDU messages, grouped by status and error; returns those not matched. */
async function applyOnePart(
  store: Store,
  receipts: readonly StoredReceipt[],
  now: string,
): Promise<StoredReceipt[]> {
  const groups = new Map<string, StoredReceipt[]>();
  for (const r of receipts) {
    const key = `${r.status}|${r.errorCode ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const rest: StoredReceipt[] = [];
  for (const group of groups.values()) {
    const { status, errorCode } = group[0]!;
    const matched = await applyOnePartReceipts(
      store.db,
      { status, errorCode, settled: settleMessage([status], 1) },
      group.map((r) => r.gatewayId),
      now,
    );
    for (const r of group) if (!matched.has(r.gatewayId)) rest.push(r);
  }
  return rest;
}

/** Receipts of multipart messages: part statuses, then the message settles on all its parts. */
async function applyMultipart(
  store: Store,
  receipts: readonly StoredReceipt[],
  now: string,
): Promise<StoredReceipt[]> {
  const found = await findParts(
    store.db,
    receipts.map((r) => r.gatewayId),
  );
  const byGateway = new Map<string, MatchedPart[]>();
  for (const p of found) byGateway.set(p.gatewayId, [...(byGateway.get(p.gatewayId) ?? []), p]);
  const unmatched: StoredReceipt[] = [];
  const updates = new Map<
    string,
    { messageId: number; seq: number; status: string; errorCode: string | null }
  >();
  for (const r of receipts) {
    const matches = byGateway.get(r.gatewayId);
    if (!matches) {
      unmatched.push(r);
      continue;
    }
    for (const p of matches) {
      updates.set(`${p.messageId}|${p.seq}`, { ...p, status: r.status, errorCode: r.errorCode });
    }
  }
  if (updates.size === 0) return unmatched;
  await updatePartStatuses(store.db, [...updates.values()], now);
  const errorOf = new Map<number, string>();
  for (const u of updates.values()) if (u.errorCode !== null) errorOf.set(u.messageId, u.errorCode);
  const statuses = await listPartStatuses(store.db, [
    ...new Set([...updates.values()].map((u) => u.messageId)),
  ]);
  const settled: MessageChange[] = [];
  for (const [id, list] of statuses) {
    const state = settleMessage(list, list.length);
    if (state === null) continue;
    const errorCode = errorOf.get(id);
    settled.push({ id, state, ...(errorCode === undefined ? {} : { errorCode }) });
  }
  await updateMessages(store.db, settled, now, ['submitted', 'unknown']);
  return unmatched;
}
