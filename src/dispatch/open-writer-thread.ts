import { Worker } from 'node:worker_threads';
import type { ClaimedBatch, DispatchQueue } from './dispatch-queue.ts';
import type { FlushBatch } from './outcome-writer.ts';
import type { WriterThreadReply, WriterThreadRequest } from './writer-thread-protocol.ts';

/** Distributes Omit over the request kinds (a plain Omit would merge them). */
type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never;

export interface WriterThread {
  readonly flush: FlushBatch;
  /** The claim and `submitting` SQL, on the thread's connection, in order with the flushes. */
  readonly queue: DispatchQueue;
  /** Closes the thread's connection and ends it (after the batches already posted). */
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Starts the outcome writer's worker thread on a SQLite file (see outcome-writer-thread.ts):
 * the dispatcher's thread no longer spends its time in the queue, outcome and receipt SQL, it
 * only posts requests and is told when each is done. The thread loads the TypeScript sources
 * through tsx, as bin/texto.js does.
 */
export async function openWriterThread(path: string): Promise<WriterThread> {
  const entry = new URL('./outcome-writer-thread.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(code, { eval: true, workerData: { path } });
  const pending = new Map<number, Pending>();
  let broken: Error | null = null;
  let seq = 0;
  const fail = (error: Error) => {
    broken ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`outcome writer thread exited (${code})`)));
    worker.once('message', () => resolve());
  });
  worker.on('error', (error) => fail(error));
  worker.once('exit', (code) => fail(new Error(`outcome writer thread exited (${code})`)));
  worker.on('message', (reply: WriterThreadReply) => {
    const p = pending.get(reply.seq);
    if (!p) return;
    pending.delete(reply.seq);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new Error(`outcome writer thread: ${reply.error}`));
  });
  const call = <T>(request: Unsequenced<WriterThreadRequest>): Promise<T> => {
    if (broken) return Promise.reject(broken);
    seq += 1;
    const sequenced = { ...request, seq } as WriterThreadRequest;
    return new Promise<T>((resolve, reject) => {
      pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(sequenced);
    });
  };
  return {
    flush: (batch) => call({ op: 'flush', batch }),
    queue: {
      claim: (claim) => call<ClaimedBatch>({ op: 'claim', claim }),
      markSubmitting: async (workerId, ids, now) =>
        new Set(await call<number[]>({ op: 'submitting', submitting: { workerId, ids, now } })),
    },
    async close() {
      if (!broken) worker.postMessage('close');
      await exited;
    },
  };
}
