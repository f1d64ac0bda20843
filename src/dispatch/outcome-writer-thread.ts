/**
 * Worker-thread entry of the SQLite outcome writer: its own better-sqlite3 connection to the
 * dispatcher's database file (WAL: the dispatcher keeps reading and claiming on its own), one
 * BEGIN IMMEDIATE transaction per batch posted by `openWriterThread`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/db.ts';
import { flushInTransaction, type WriterBatch } from './outcome-writer.ts';

export interface WriterThreadRequest {
  readonly seq: number;
  readonly batch: WriterBatch;
}

export type WriterThreadReply =
  | { readonly seq: number; readonly ok: true; readonly receipts: number; readonly parked: number }
  | { readonly seq: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (port) {
  const store = openStore({ sqlitePath: (workerData as { path: string }).path });
  const flush = flushInTransaction(store, true);
  let queue = Promise.resolve();
  port.on('message', (request: WriterThreadRequest | 'close') => {
    queue = queue.then(async () => {
      if (request === 'close') {
        await store.close();
        port.close();
        return;
      }
      try {
        const counts = await flush(request.batch);
        port.postMessage({ seq: request.seq, ok: true, ...counts } satisfies WriterThreadReply);
      } catch (error) {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        port.postMessage({ seq: request.seq, ok: false, error: text } satisfies WriterThreadReply);
      }
    });
  });
  port.postMessage('ready');
}
