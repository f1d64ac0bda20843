import { hostname } from 'node:os';
import type { Store } from '../store/db.ts';
import {
  beatWorker,
  countLiveWorkers,
  countWorkersBehind,
  listWorkersOn,
  registerWorker,
  removeDeadWorkers,
  removeWorker,
} from '../store/dispatch-workers.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface MembershipOptions {
  readonly store: Store;
  readonly workerId: string;
  readonly heartbeatMs: number;
  /** A worker whose heartbeat is older than this is dead. */
  readonly aliveMs: number;
  /** Recovers what dead workers left (before this one registers, then at each sweep). */
  readonly recover: () => Promise<void>;
  /** The dispatcher's own periodic work, after each sweep's recovery. */
  readonly sweep: () => Promise<void>;
  /** Told how many workers are alive (this one included) at each heartbeat. */
  readonly onLiveWorkers: (live: number) => void;
  readonly isStopping: () => boolean;
  readonly log: (line: string) => void;
}

export interface WorkerMembership {
  /** Resolves once every live worker has counted this one (its TPS share is then right). */
  readonly ready: Promise<void>;
  /** Stops the heartbeat, waiting for a beat in progress. */
  stopBeating(): Promise<void>;
  /** Leaves the table of workers. */
  remove(): Promise<void>;
}

/**
 * A dispatcher's place among the workers (issue 8): it registers, beats every `heartbeatMs`
 * (learning how many share the account TPS), and once per `aliveMs`, as soon as a death is
 * known, sweeps: recovers dead workers' messages, forgets long-dead workers, runs `sweep`.
 * Liveness runs on the wall clock (processes), never on the dispatcher's business clock.
 */
export async function joinWorkers(options: MembershipOptions): Promise<WorkerMembership> {
  const { store, workerId, heartbeatMs, aliveMs, log } = options;
  const wall = (offsetMs = 0) => new Date(Date.now() - offsetMs).toISOString();
  // A worker of this host whose process is gone crashed: forget it now rather than after aliveMs.
  for (const w of await listWorkersOn(store.db, hostname())) {
    if (!isProcessAlive(w.pid)) await removeWorker(store.db, w.id);
  }
  const othersAlive = await countLiveWorkers(store.db, wall(aliveMs));
  await options.recover();
  const registeredAt = wall();
  await registerWorker(
    store.db,
    { id: workerId, host: hostname(), pid: process.pid },
    registeredAt,
  );
  options.onLiveWorkers(othersAlive + 1);
  let beating = false;
  let beats = 0;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    beats += 1;
    (async () => {
      options.onLiveWorkers(await beatWorker(store.db, workerId, wall(), wall(aliveMs)));
      // The sweeps scan the queue: once per `aliveMs`, which is as soon as a death is known.
      if (beats % Math.max(1, Math.round(aliveMs / heartbeatMs)) !== 0) return;
      await options.recover();
      await removeDeadWorkers(store.db, wall(60 * aliveMs));
      await options.sweep();
    })()
      .catch((error) => log(`heartbeat failed: ${String(error)}`))
      .finally(() => {
        beating = false;
      });
  }, heartbeatMs);
  heartbeat.unref?.();
  // A joining worker sends only once every live worker has beaten since it registered: each
  // has then counted it and shrunk its share of the account TPS.
  const ready = (async () => {
    if (othersAlive === 0) return;
    while (
      !options.isStopping() &&
      (await countWorkersBehind(store.db, workerId, registeredAt, wall(aliveMs))) > 0
    ) {
      await sleep(Math.max(10, heartbeatMs / 4));
    }
  })();
  return {
    ready,
    async stopBeating() {
      clearInterval(heartbeat);
      while (beating) await sleep(10);
    },
    remove: () => removeWorker(store.db, workerId),
  };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
