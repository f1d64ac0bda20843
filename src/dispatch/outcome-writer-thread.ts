/**
 * Worker-thread entry of the SQLite outcome writer: its own better-sqlite3 connection to the
 * dispatcher's database file (WAL: the dispatcher keeps reading on its own), one BEGIN IMMEDIATE
 * transaction per batch posted by `openWriterThread`, and the dispatcher's claims and moves to
 * `submitting`, in the order they were posted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/db.ts';
import { markSubmitting } from '../store/message-queue.ts';
import { claimBatch } from './dispatch-queue.ts';
import { flushInTransaction } from './outcome-writer.ts';
import type { WriterThreadReply, WriterThreadRequest } from './writer-thread-protocol.ts';

const port = parentPort;
if (port) {
  const store = openStore({ sqlitePath: (workerData as { path: string }).path });
  const flush = flushInTransaction(store, true);
  const run = async (request: WriterThreadRequest): Promise<unknown> => {
    if (request.op === 'flush') return flush(request.batch);
    if (request.op === 'claim') return claimBatch(store, request.claim);
    const { workerId, ids, now } = request.submitting;
    return [...(await markSubmitting(store.db, workerId, ids, now))];
  };
  let queue = Promise.resolve();
  port.on('message', (request: WriterThreadRequest | 'close') => {
    queue = queue.then(async () => {
      if (request === 'close') {
        await store.close();
        port.close();
        return;
      }
      try {
        port.postMessage({
          seq: request.seq,
          ok: true,
          value: await run(request),
        } satisfies WriterThreadReply);
      } catch (error) {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        port.postMessage({ seq: request.seq, ok: false, error: text } satisfies WriterThreadReply);
      }
    });
  });
  port.postMessage('ready');
}
