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

export function fromReaderFailure(failure: ReaderFailure): unknown {
  if (failure.kind === 'refusal') return new Refusal(failure.outcome);
  if (failure.kind === 'not-utf8') return new NotUtf8();
  if (failure.kind === 'domain') return new DomainError(failure.code, failure.message);
  return new Error(`import reader thread: ${failure.message}`);
}

/** Batches the reader thread may post ahead of the importing thread (bounded memory). */
export const readerLookahead = 2;
