/**
 * Worker-thread entry of an import's reader (read-prepared-file.ts): reads, validates and
 * prepares the file, posting each batch to the importing thread and waiting for its
 * acknowledgement once `readerLookahead` batches are ahead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadRequest } from './read-contact-file.ts';
import {
  type PrepareContext,
  type ReaderMessage,
  readerLookahead,
  readPreparedFile,
  toReaderFailure,
} from './read-prepared-file.ts';

const port = parentPort;
if (port) {
  const { request, context } = workerData as { request: ReadRequest; context: PrepareContext };
  let ahead = 0;
  let acknowledged: (() => void) | null = null;
  port.on('message', () => {
    ahead -= 1;
    acknowledged?.();
    acknowledged = null;
  });
  const post = (message: ReaderMessage) =>
    // A batch's bytes move to the importing thread (no copy; outside either heap).
    port.postMessage(
      message,
      message.type === 'batch' ? [message.prepared.bytes.buffer as ArrayBuffer] : [],
    );
  readPreparedFile(request, context, {
    layout: (layout) => post({ type: 'layout', layout }),
    progress: (bytesRead) => post({ type: 'progress', bytesRead }),
    async batch(batch) {
      post({ type: 'batch', ...batch });
      ahead += 1;
      while (ahead >= readerLookahead) {
        await new Promise<void>((resolve) => {
          acknowledged = resolve;
        });
      }
    },
  }).then(
    (totals) => post({ type: 'done', totals }),
    (error: unknown) => post({ type: 'failed', error: toReaderFailure(error) }),
  );
}
