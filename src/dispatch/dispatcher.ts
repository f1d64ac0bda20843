import { randomUUID } from 'node:crypto';
import type { Recipient } from '../core/rules/recipient.ts';
import { pauseCampaignBySystem } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import type { HandOffFacts } from '../store/hand-off-facts.ts';
import { dropParkedReceipts } from '../store/message-parts.ts';
import {
  type ClaimedMessage,
  completeFinishedCampaigns,
  countPendingRetries,
  nextPlannedAt,
  recoverAbandoned,
  releaseClaimed,
} from '../store/message-queue.ts';
import type { Transport } from '../transports/transport.ts';
import { createShareLimiter } from './create-share-limiter.ts';
import { type DispatchQueue, storeQueue } from './dispatch-queue.ts';
import { judgeHandOff } from './judge-hand-off.ts';
import type { Outcome, OutcomeWriter } from './outcome-writer.ts';
import { sendMessage } from './send-message.ts';
import { joinWorkers } from './worker-membership.ts';

export interface DispatcherOptions {
  readonly store: Store;
  readonly transport: Transport;
  readonly writer: OutcomeWriter;
  /** Where the claim and `submitting` SQL runs (default: the store's connection). */
  readonly queue?: DispatchQueue;
  /** The gateway account's parts per second, shared by every live worker (Infinity: none). */
  readonly accountTps: number;
  /** Only this campaign's messages (`campaign send`). */
  readonly campaignId?: string;
  /** The server's STOP code (TEXTO_STOP_CODE), for workspaces without their own. */
  readonly stopCode?: string | undefined;
  readonly maxBatch?: number;
  /** Sends in flight at once (the transport's window does the rest). */
  readonly concurrency?: number;
  readonly heartbeatMs?: number;
  /** A worker whose heartbeat is older than this is dead: its messages are recovered. */
  readonly aliveMs?: number;
  readonly idleMs?: number;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
  /** Told of each message the gateway accepted (the seed watch of the marketplace). */
  readonly onSubmitted?: (message: ClaimedMessage) => Promise<unknown>;
}

export interface DispatchStats {
  claimed: number;
  submitted: number;
  retried: number;
  failed: number;
  unknown: number;
  replanned: number;
  cancelled: number;
  refused: number;
  released: number;
  /** Messages found `submitting` after a crash, made unknown at start-up or later. */
  recoveredUnknown: number;
  recoveredPlanned: number;
  liveWorkers: number;
}

export interface Dispatcher {
  readonly workerId: string;
  readonly stats: Readonly<DispatchStats>;
  /**
   * Runs until stop() (worker) or, with untilIdle, until nothing is due now; `horizonMs` (with
   * a campaign) waits instead while its next planned message is that close: a paced campaign
   * is due a few messages at a time, not all at once.
   */
  run(options?: { untilIdle?: boolean; horizonMs?: number }): Promise<void>;
  /** Clean stop: no new claims, sends in flight recorded, claimed messages released. */
  stop(): Promise<void>;
}

/** The window closed while the message waited for its turn: nothing left, re-judged later. */
function windowClosed(id: number): Outcome {
  return { kind: 'change', from: 'submitting', change: { id, state: 'planned' } };
}

/** Sent batches whose outcomes may wait for their group commit at once. */
const maxUncommittedBatches = 16;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const day = 86_400_000;
/** How long a receipt that matches no part is kept (gateways resend for a day or two at most). */
export const parkedReceiptDays = 3;

/**
 * The dispatcher (issue 8, architecture "Dispatch: correctness first"): claim due messages in
 * batches, re-check each at hand-off, mark the sendable ones `submitting` durably, send them
 * within this worker's share of the account TPS, record outcomes in group commits.
 */
export async function createDispatcher(options: DispatcherOptions): Promise<Dispatcher> {
  const { store, transport, writer } = options;
  const queue = options.queue ?? storeQueue(store);
  const clock = options.clock ?? Date.now;
  const iso = () => new Date(clock()).toISOString();
  /** Liveness runs on the wall clock (processes), the windows on `clock` (business time). */
  const wall = (offsetMs = 0) => new Date(Date.now() - offsetMs).toISOString();
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const aliveMs = options.aliveMs ?? 5000;
  const maxBatch = options.maxBatch ?? 1000;
  const concurrency = options.concurrency ?? 256;
  const idleMs = options.idleMs ?? 100;
  const log = options.log ?? (() => {});
  const workerId = `w_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const stats: DispatchStats = {
    claimed: 0,
    submitted: 0,
    retried: 0,
    failed: 0,
    unknown: 0,
    replanned: 0,
    cancelled: 0,
    refused: 0,
    released: 0,
    recoveredUnknown: 0,
    recoveredPlanned: 0,
    liveWorkers: 1,
  };
  const recipients = new Map<string, Recipient>();
  const touched = new Set<string>();
  let stopping = false;
  let share = options.accountTps;
  const limiter = createShareLimiter();

  const recover = async () => {
    const r = await recoverAbandoned(store.db, wall(aliveMs), iso());
    stats.recoveredUnknown += r.unknown;
    stats.recoveredPlanned += r.replanned;
    if (r.unknown > 0)
      log(`recovered ${r.unknown} message(s) left submitting by a dead worker: unknown`);
  };
  const setShare = (live: number) => {
    stats.liveWorkers = live;
    share = options.accountTps / Math.max(1, live);
  };

  let prunedAt = 0;
  const membership = await joinWorkers({
    store,
    workerId,
    heartbeatMs,
    aliveMs,
    recover,
    async sweep() {
      await completeFinishedCampaigns(store.db, [...touched], iso());
      // Receipts parked for days will match nothing: pruned once an hour (real time), beside
      // the heartbeat rather than in its way.
      if (Date.now() - prunedAt >= 3_600_000) {
        prunedAt = Date.now();
        const before = new Date(Date.now() - parkedReceiptDays * day).toISOString();
        void dropParkedReceipts(store.db, before).catch((error) =>
          log(`pruning parked receipts failed: ${String(error)}`),
        );
      }
    },
    onLiveWorkers: setShare,
    isStopping: () => stopping,
    log,
  });
  const { ready } = membership;

  // SQLite has one writer: a claim or `submitting` issued while the writer thread commits would
  // wait for the lock in better-sqlite3's busy handler, which sleeps with the event loop blocked
  // (no socket served meanwhile). Queued behind the commit instead, it waits asynchronously.
  const betweenCommits: <T>(work: () => Promise<T>) => Promise<T> =
    store.capabilities.dialect === 'sqlite' ? writer.exclusive : (work) => work();

  const takeTokens = async (parts: number) => {
    for (let i = 0; i < parts; i++) {
      for (;;) {
        if (!Number.isFinite(share)) return;
        const wait = limiter(performance.now(), share);
        if (wait <= 0) break;
        await sleep(Math.max(1, Math.ceil(wait)));
      }
    }
  };

  /** A failing observer is logged, never allowed to stop the sending. */
  const notifySubmitted = (message: ClaimedMessage): Promise<void> =>
    // Its writes run on this thread's connection: never interleaved with a group commit.
    (options.onSubmitted
      ? writer.exclusive(() => options.onSubmitted?.(message) ?? Promise.resolve())
      : Promise.resolve()
    ).then(
      () => {},
      (error: unknown) => options.log?.(`seed watch failed for message ${message.id}: ${error}`),
    );

  const dispatchBatch = async (claimed: ClaimedMessage[], facts: HandOffFacts): Promise<void> => {
    const now = clock();
    const before: Outcome[] = [];
    const sendable: Array<{ message: ClaimedMessage; sender: string; validUntil: number }> = [];
    const held = new Map<
      string,
      { message: ClaimedMessage; change: { mentioned: string; expected: string } }
    >();
    for (const message of claimed) {
      const d = judgeHandOff(message, facts, now, recipients);
      if (d.action === 'send')
        sendable.push({ message, sender: d.sender, validUntil: d.validUntil });
      else if (d.action === 'replan') {
        stats.replanned += 1;
        before.push({
          kind: 'change',
          from: 'claimed',
          change: {
            id: message.id,
            state: 'planned',
            plannedAt: new Date(d.at).toISOString(),
            nextAttemptAt: null,
          },
        });
      } else if (d.action === 'release' || d.action === 'hold') {
        stats.released += 1;
        before.push({
          kind: 'change',
          from: 'claimed',
          change: { id: message.id, state: 'planned' },
        });
        if (d.action === 'hold') held.set(message.campaignId, { message, change: d.change });
      } else {
        const state = d.action === 'cancel' ? 'cancelled' : 'refused';
        stats[state] += 1;
        before.push({
          kind: 'change',
          from: 'claimed',
          change: { id: message.id, state, errorCode: d.code },
        });
      }
    }
    // Paused here, not per message: no claim picks a paused campaign's messages again.
    for (const [campaignId, { message, change }] of held) {
      const paused = await betweenCommits(() =>
        pauseCampaignBySystem(store.db, {
          workspaceId: message.workspaceId,
          campaignId,
          action: 'campaign.paused_stop_code_changed',
          details: change,
          at: iso(),
        }),
      );
      if (paused) {
        options.log?.(
          `campaign ${campaignId} paused: its text says STOP au ${change.mentioned}, the workspace's STOP code is ${change.expected}`,
        );
      }
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    const allowed = await betweenCommits(() =>
      queue.markSubmitting(
        workerId,
        sendable.map((s) => s.message.id),
        iso(),
      ),
    );
    for (const s of sendable) {
      if (allowed.has(s.message.id)) continue;
      // Paused or cancelled meanwhile: a cancelled row is no longer claimed and stays as it is.
      stats.released += 1;
      before.push({
        kind: 'change',
        from: 'claimed',
        change: { id: s.message.id, state: 'planned' },
      });
    }
    // Each outcome joins the next group commit as soon as it is known, so that it usually meets
    // its receipt there (one write for submitted + delivered) instead of the receipt waiting.
    const written: Promise<void>[] = [writer.record(before)];
    let next = 0;
    const toSend = sendable.filter((s) => allowed.has(s.message.id));
    await Promise.all(
      Array.from({ length: Math.min(concurrency, toSend.length) }, async () => {
        while (next < toSend.length) {
          const s = toSend[next++]!;
          if (Number.isFinite(share)) await takeTokens(s.message.parts);
          const outcome =
            clock() < s.validUntil
              ? await sendMessage(transport, s.message, s, clock)
              : windowClosed(s.message.id);
          if (outcome.kind === 'submitted') {
            stats.submitted += 1;
            if (options.onSubmitted) written.push(notifySubmitted(s.message));
          } else if (outcome.change.state === 'planned') stats.retried += 1;
          else if (outcome.change.state === 'failed') stats.failed += 1;
          else stats.unknown += 1;
          written.push(writer.record([outcome]));
        }
      }),
    );
    // The batch's slot frees once its messages have left; their outcomes commit meanwhile
    // (run and stop wait for them), so the next claim is not held behind this group commit.
    track(
      writes,
      Promise.all(written).then(() => {}),
    );
  };

  /** Batches being judged and sent (two at most: one sends while the next is prepared). */
  const sending = new Set<Promise<void>>();
  /** Outcomes of batches already sent, waiting for their group commit. */
  const writes = new Set<Promise<void>>();
  const inFlight = () => [...sending, ...writes];
  const track = (set: Set<Promise<void>>, job: Promise<void>) => {
    const tracked = job.catch((error) => {
      failure ??= error;
    });
    set.add(tracked);
    tracked.finally(() => set.delete(tracked));
  };
  let failure: unknown = null;
  let stopped: Promise<void> | null = null;
  /** Whether the campaign's next planned message falls within `horizonMs` from now. */
  const dueSoon = async (horizonMs: number) => {
    if (horizonMs <= 0 || !options.campaignId) return false;
    const next = await nextPlannedAt(store.db, options.campaignId);
    return next !== null && Date.parse(next) - clock() <= horizonMs;
  };
  const dispatcher: Dispatcher = {
    workerId,
    stats,
    async run(runOptions = {}) {
      await ready;
      while (!stopping) {
        if (failure) throw failure;
        const batch = Number.isFinite(share)
          ? Math.max(1, Math.min(maxBatch, Math.ceil(share / 4)))
          : maxBatch;
        const { messages: claimed, facts } = await betweenCommits(() =>
          queue.claim({
            workerId,
            now: iso(),
            limit: batch,
            campaignId: options.campaignId,
            stopCode: options.stopCode,
          }),
        );
        if (facts === null) {
          if (sending.size + writes.size > 0) {
            await Promise.race(inFlight());
            continue;
          }
          if (runOptions.untilIdle) {
            const retries = options.campaignId
              ? await countPendingRetries(store.db, options.campaignId, iso())
              : 0;
            if (retries === 0 && !(await dueSoon(runOptions.horizonMs ?? 0))) break;
          }
          await sleep(idleMs);
          continue;
        }
        stats.claimed += claimed.length;
        for (const m of claimed) touched.add(m.campaignId);
        track(sending, dispatchBatch(claimed, facts));
        if (sending.size >= 2) await Promise.race(sending);
        // A writer that falls behind holds the claims back (outcomes never pile up in memory).
        while (writes.size >= maxUncommittedBatches) await Promise.race(writes);
      }
      await Promise.all(sending);
      await Promise.all(writes);
      if (failure) throw failure;
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        await Promise.all(sending);
        await Promise.all(writes);
        await membership.stopBeating();
        // The writer stays open: its owner (the runtime) closes it after the transport, so
        // the receipts that arrive until then are written, not refused by a closed writer.
        await releaseClaimed(store.db, workerId, iso());
        await completeFinishedCampaigns(store.db, [...touched], iso());
        await membership.remove();
      })();
      return stopped;
    },
  };
  return dispatcher;
}
