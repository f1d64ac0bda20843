import { Worker } from 'node:worker_threads';
import { createRowPreparer, type PreparedBatch } from '../core/contact/prepared-rows.ts';
import { DomainError, type DomainErrorCode } from '../core/domain-error.ts';
import {
  type FileLayout,
  type FileRefusalOutcome,
  NotUtf8,
  type ReadRequest,
  type ReadTotals,
  Refusal,
  readContactFile,
} from './read-contact-file.ts';

/** What the chain hashes of an import depend on besides each row. */
export interface PrepareContext {
  readonly workspaceId: string;
  readonly origin: string;
  readonly recordedAt: string;
}

export interface PreparedSink {
  layout(layout: FileLayout): void;
  batch(batch: { prepared: PreparedBatch; rejects: string; bytesRead: number }): Promise<void>;
  progress(bytesRead: number): void;
}

/** Reads, validates and prepares a contacts file on this thread (readContactFile + preparer). */
export function readPreparedFile(
  request: ReadRequest,
  context: PrepareContext,
  sink: PreparedSink,
): Promise<ReadTotals> {
  const preparer = createRowPreparer(context.workspaceId, context.origin, context.recordedAt);
  return readContactFile(request, {
    layout: (layout) => sink.layout(layout),
    progress: (bytesRead) => sink.progress(bytesRead),
    row: (row) => preparer.add(row),
    batch: (batch) =>
      sink.batch({
        prepared: preparer.take(),
        rejects: batch.rejects,
        bytesRead: batch.bytesRead,
      }),
  });
}

/** Messages of the reader thread, in file order; each batch is acknowledged. */
export type ReaderMessage =
  | { readonly type: 'layout'; readonly layout: FileLayout }
  | { readonly type: 'progress'; readonly bytesRead: number }
  | {
      readonly type: 'batch';
      readonly prepared: PreparedBatch;
      readonly rejects: string;
      readonly bytesRead: number;
    }
  | { readonly type: 'done'; readonly totals: ReadTotals }
  | { readonly type: 'failed'; readonly error: ReaderFailure };

export type ReaderFailure =
  | { readonly kind: 'refusal'; readonly outcome: FileRefusalOutcome }
  | { readonly kind: 'not-utf8' }
  | { readonly kind: 'domain'; readonly code: DomainErrorCode; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };

/** An error thrown while reading, as it crosses back to the importing thread. */
export function toReaderFailure(error: unknown): ReaderFailure {
  if (error instanceof Refusal) return { kind: 'refusal', outcome: error.outcome };
  if (error instanceof NotUtf8) return { kind: 'not-utf8' };
  if (error instanceof DomainError)
    return { kind: 'domain', code: error.code, message: error.message };
  return {
    kind: 'other',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
}

function fromReaderFailure(failure: ReaderFailure): unknown {
  if (failure.kind === 'refusal') return new Refusal(failure.outcome);
  if (failure.kind === 'not-utf8') return new NotUtf8();
  if (failure.kind === 'domain') return new DomainError(failure.code, failure.message);
  return new Error(`import reader thread: ${failure.message}`);
}

/**
 * The reader's heap: what it keeps is the postal index, its code and a few batches, the rest
 * dies young. Unbounded, V8 let it grow by ~100 MB at 1M rows (peak RSS 420 MB against 308
 * with these limits, same speed: docs/decisions/store.md).
 */
const readerHeapLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** Batches the reader thread may post ahead of the importing thread (bounded memory). */
export const readerLookahead = 2;

/**
 * `readPreparedFile` on a worker thread (import-reader-thread.ts): reading, validating,
 * normalising and hashing run beside the database writes instead of between them. Batches
 * arrive in file order and are stored one at a time; the thread reads at most
 * `readerLookahead` batches ahead. A failure on either side stops both.
 */
export async function readPreparedFileOnThread(
  request: ReadRequest,
  context: PrepareContext,
  sink: PreparedSink,
): Promise<ReadTotals> {
  const entry = new URL('./import-reader-thread.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { request, context },
    resourceLimits: readerHeapLimits,
  });
  try {
    return await new Promise<ReadTotals>((resolve, reject) => {
      let queue = Promise.resolve();
      let failed = false;
      const fail = (error: unknown) => {
        failed = true;
        reject(error);
      };
      worker.on('error', fail);
      worker.on('exit', (exitCode) => fail(new Error(`import reader thread exited (${exitCode})`)));
      worker.on('message', (message: ReaderMessage) => {
        queue = queue.then(async () => {
          if (failed) return;
          try {
            if (message.type === 'layout') sink.layout(message.layout);
            else if (message.type === 'progress') sink.progress(message.bytesRead);
            else if (message.type === 'batch') {
              await sink.batch(message);
              worker.postMessage('ack');
            } else if (message.type === 'done') resolve(message.totals);
            else fail(fromReaderFailure(message.error));
          } catch (error) {
            fail(error);
          }
        });
      });
    });
  } finally {
    await worker.terminate();
  }
}
