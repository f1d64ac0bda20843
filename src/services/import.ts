import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { optOutMechanisms } from '../core/consent/consent-event.ts';
import { type ConsentField, consentFields } from '../core/contact/contact-fields.ts';
import { readFlag } from '../core/contact/read-consent-columns.ts';
import { DomainError } from '../core/domain-error.ts';
import { createContactImporter } from '../store/contact-import.ts';
import type { Store } from '../store/db.ts';
import { readPreparedFileOnThread } from './open-import-reader.ts';
import { type FileLayout, NotUtf8, type ReadRequest, Refusal } from './read-contact-file.ts';
import { readPreparedFile } from './read-prepared-file.ts';

/** The consent columns a caller may give for a whole file (the API's query, the CLI's options). */
export { consentFields };

export interface ImportOptions {
  readonly file: string;
  /**
   * The file as its owner knows it, in messages and in the consent events' origin
   * (`import:NAME`): an upload's own name and job, where `file` is a server path. Default: the
   * path in messages, its last part in the origin.
   */
  readonly fileName?: string;
  readonly workspaceId: string;
  /** 'column=field,column=field' (fields: contact fields, consent_* or custom.<name>). */
  readonly map?: string;
  readonly delimiter?: string;
  readonly encoding?: string;
  /** File-wide consent values, used where a row leaves the column blank. */
  readonly consentDefaults?: Partial<Record<ConsentField, string>>;
  readonly rejectsFile?: string;
  readonly now: Date;
  readonly batchSize?: number;
  /**
   * Read and validate on a worker thread, beside the database writes (default: for files of
   * `readerThreadMinBytes` or more, where it pays for the thread's start).
   */
  readonly readerThread?: boolean;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportSummary {
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  rejectsFile: string;
  consentEvents: number;
  suppressed: number;
  liftedSuppressions: number;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: string;
  columns: Record<string, string>;
  ignoredColumns: string[];
  durationMs: number;
}

export type ImportOutcome =
  | { readonly ok: true; readonly summary: ImportSummary }
  | {
      readonly ok: false;
      readonly reason: 'opt_out_source' | 'missing_consent_evidence';
      readonly message: string;
      readonly line: number | null;
      readonly missing?: string[];
    };

/** From this size on, a file is read on its own thread (its start costs ~0.3 s). */
export const readerThreadMinBytes = 8 << 20;

const delimiters: Record<string, string> = {
  ',': ',',
  ';': ';',
  '\t': '\t',
  comma: ',',
  semicolon: ';',
  tab: '\t',
  '\\t': '\t',
};
const encodings: Record<string, 'utf-8' | 'windows-1252'> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  win1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso-8859-15': 'windows-1252',
};

/**
 * Imports a CSV of contacts with their consent (issue 4, rules.md §1, §6, §7), streaming in
 * bounded memory, in one transaction: a file refused as a whole (opt-out source, missing
 * consent evidence) writes nothing. Bad rows go to the rejects CSV with line and reason.
 */
export async function importContacts(store: Store, options: ImportOptions): Promise<ImportOutcome> {
  const wanted = (options.encoding ?? 'auto').toLowerCase();
  if (wanted !== 'auto' && !encodings[wanted]) {
    throw new DomainError(
      'invalid_input',
      `--encoding must be auto, utf-8 or windows-1252, not '${options.encoding}'`,
    );
  }
  const delimiterOption = options.delimiter ?? 'auto';
  if (delimiterOption !== 'auto' && !delimiters[delimiterOption]) {
    throw new DomainError(
      'invalid_input',
      `--delimiter must be auto, ',', ';' or tab, not '${delimiterOption}'`,
    );
  }
  let size: number;
  try {
    size = statSync(options.file).size;
  } catch {
    throw new DomainError('not_found', `cannot read ${options.fileName ?? options.file}`, {
      file: options.fileName ?? options.file,
    });
  }
  const defaults = checkDefaults(options.consentDefaults ?? {});
  if (defaults) return defaults;
  const started = performance.now();
  try {
    return await runImport(
      store,
      options,
      wanted === 'auto' ? 'auto' : encodings[wanted]!,
      size,
      started,
    );
  } catch (error) {
    if (error instanceof NotUtf8 && wanted === 'auto') {
      return runImport(store, options, 'windows-1252', size, started);
    }
    if (error instanceof NotUtf8) {
      throw new DomainError(
        'invalid_input',
        `${options.fileName ?? options.file} is not valid UTF-8; try --encoding windows-1252`,
      );
    }
    throw error;
  }
}

function checkDefaults(defaults: Partial<Record<ConsentField, string>>): ImportOutcome | null {
  for (const key of Object.keys(defaults)) {
    if (!(consentFields as readonly string[]).includes(key)) {
      throw new DomainError('invalid_input', `unknown consent option '${key}'`);
    }
  }
  const mechanism = defaults.consent_mechanism?.trim().toLowerCase();
  if (
    (mechanism && (optOutMechanisms as readonly string[]).includes(mechanism)) ||
    readFlag(defaults.consent_prechecked) === true
  ) {
    return {
      ok: false,
      reason: 'opt_out_source',
      message:
        'the file is declared an opt-out source (opt-out or pre-ticked box): no consent, nothing imported (rule FR-CONS-02)',
      line: null,
    };
  }
  return null;
}

async function runImport(
  store: Store,
  options: ImportOptions,
  encoding: 'auto' | 'utf-8' | 'windows-1252',
  size: number,
  started: number,
): Promise<ImportOutcome> {
  const rejectsPath = options.rejectsFile ?? `${options.file}.rejects.csv`;
  const rejects = createWriteStream(rejectsPath);
  const request: ReadRequest = {
    file: options.file,
    fileName: options.fileName,
    map: options.map,
    delimiter: delimiters[options.delimiter ?? 'auto'],
    encoding,
    consentDefaults: options.consentDefaults ?? {},
    now: options.now,
    batchSize: options.batchSize ?? 2000,
  };
  let layout: FileLayout | null = null;

  const write = async (text: string) => {
    if (text !== '' && !rejects.write(text))
      await new Promise<void>((resolve) => rejects.once('drain', () => resolve()));
  };

  try {
    const origin = `import:${options.fileName ?? options.file.split('/').pop()}`;
    const context = {
      workspaceId: options.workspaceId,
      origin,
      recordedAt: options.now.toISOString(),
    };
    const read =
      (options.readerThread ?? size >= readerThreadMinBytes)
        ? readPreparedFileOnThread
        : readPreparedFile;
    // Every row references the workspace, the contacts and the evidences written right here:
    // SQLite's per-row foreign-key checks are skipped (BulkOptions), the workspace checked once.
    const { counts, totals } = await store.bulk(
      async (session) => {
        const workspace = await session.db
          .selectFrom('workspaces')
          .select('id')
          .where('id', '=', options.workspaceId)
          .executeTakeFirst();
        if (!workspace) {
          throw new DomainError('not_found', `workspace '${options.workspaceId}' not found`);
        }
        const importer = createContactImporter(session, options.workspaceId, {
          origin,
          now: options.now,
        });
        let writing: Promise<void> = Promise.resolve();
        const totals = await read(request, context, {
          layout(found) {
            layout = found;
            writing = write(found.rejectsHeader);
          },
          progress: (bytesRead) => options.onProgress?.(bytesRead, size),
          async batch(batch) {
            await writing;
            await write(batch.rejects);
            if (batch.prepared.count > 0) await importer.writePrepared(batch.prepared);
          },
        });
        await writing;
        return { counts: importer.counts, totals };
      },
      { trustReferences: true },
    );
    await new Promise<void>((resolve, fail) => {
      rejects.once('error', fail);
      rejects.end(() => resolve());
    });
    const found = layout as FileLayout | null;
    return {
      ok: true,
      summary: {
        rows: totals.rows,
        imported: counts.imported,
        updated: counts.updated,
        unchanged: counts.unchanged,
        duplicates: counts.duplicates,
        rejected: totals.rejected,
        rejectedByReason: totals.rejectedByReason,
        rejectsFile: rejectsPath,
        consentEvents: counts.consentEvents,
        suppressed: counts.suppressed,
        liftedSuppressions: counts.liftedSuppressions,
        encoding: found?.encoding ?? 'utf-8',
        delimiter: found?.delimiter ?? ',',
        columns: found?.columns ?? {},
        ignoredColumns: found?.ignoredColumns ?? [],
        durationMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    await discard(rejects, rejectsPath);
    if (error instanceof Refusal) return error.outcome;
    throw error;
  }
}

async function discard(stream: WriteStream, path: string): Promise<void> {
  await new Promise<void>((resolve) => stream.end(() => resolve()));
  await unlink(path).catch(() => {});
}
