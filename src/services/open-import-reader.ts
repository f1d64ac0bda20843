import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadRequest, ReadTotals } from './read-contact-file.ts';
import {
  fromReaderFailure,
  type PrepareContext,
  type PreparedSink,
  type ReaderMessage,
} from './read-prepared-file.ts';

/**
 * The reader's heap: what it keeps is the postal index and its code; a row's objects die
 * young. Unbounded, V8 let it grow by ~100 MB at 1M rows (peak RSS 411–428 MB against 306–315
 * with these limits, same speed). A young generation of 8 MB made every row's garbage survive
 * two scavenges into the old one (194 full collections at 1M rows); 16 MB lets it die young:
 * reading alone 12 → 9 s (docs/decisions/store.md).
 */
const readerHeapLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/**
 * The reader thread's code as one JavaScript file, bundled from the sources by esbuild (tsx's
 * own compiler) and kept under node_modules/.cache by content: loaded through tsx instead, the
 * thread would start a second TypeScript loader (and its own loader thread), ~50 MB more at
 * the peak. Packages stay imports, resolved from the project as usual.
 */
let bundled: URL | null = null;
async function readerBundle(): Promise<URL> {
  // Another checkout of newer code may have replaced the file meanwhile: build it again then.
  if (!bundled || !existsSync(bundled)) bundled = await buildReaderBundle();
  return bundled;
}

/** Once per process, and esbuild loaded only then (not at every command's start-up). */
async function buildReaderBundle(): Promise<URL> {
  const { buildSync } = await import('esbuild');
  const root = new URL('../../', import.meta.url);
  const built = buildSync({
    entryPoints: [fileURLToPath(new URL('./import-reader-thread.ts', import.meta.url))],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = built.outputFiles[0]!.contents;
  const dir = fileURLToPath(new URL('node_modules/.cache/texto/', root));
  const file = `${dir}import-reader-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Bundles of earlier sources go (one file per version of the code, ~100 kB each).
    for (const old of readdirSync(dir)) {
      if (/^import-reader-[0-9a-f]{16}\.mjs$/.test(old)) rmSync(`${dir}${old}`, { force: true });
    }
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file);
}

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
  const worker = new Worker(await readerBundle(), {
    workerData: { request, context },
    resourceLimits: readerHeapLimits,
    // Not the parent's `--import tsx`: the bundle is plain JavaScript.
    execArgv: [],
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
