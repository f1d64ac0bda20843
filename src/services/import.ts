import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { optOutMechanisms } from '../core/consent/consent-event.ts';
import {
  type ConsentField,
  consentFields,
  type ImportField,
} from '../core/contact/contact-fields.ts';
import { createNumberParser } from '../core/contact/create-number-parser.ts';
import { mapColumns, parseMapOption } from '../core/contact/map-header.ts';
import { normaliseContact } from '../core/contact/normalise-contact.ts';
import { readFlag } from '../core/contact/read-consent-columns.ts';
import {
  type CsvRecord,
  createCsvSplitter,
  detectDelimiter,
  formatCsvLine,
} from '../core/contact/split-csv.ts';
import { DomainError } from '../core/domain-error.ts';
import type { PostalIndex } from '../core/geo/locate-postal-code.ts';
import { createContactImporter, type ImportRow } from '../store/contact-import.ts';
import type { Store } from '../store/db.ts';
import { loadPlaces } from './contacts.ts';

export interface ImportOptions {
  readonly file: string;
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

class Refusal {
  constructor(readonly outcome: Extract<ImportOutcome, { ok: false }>) {}
}
class NotUtf8 {}

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
    throw new DomainError('not_found', `cannot read ${options.file}`, { file: options.file });
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
        `${options.file} is not valid UTF-8; try --encoding windows-1252`,
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
        'the file is declared an opt-out source (opt-out or pre-ticked box): no consent, nothing imported (rules.md FR-CONS-02)',
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
  const explicit = parseMapOption(options.map);
  const parse = createNumberParser('FR');
  const batchSize = options.batchSize ?? 2000;
  const rejectedByReason: Record<string, number> = {};
  let rows = 0;
  let rejected = 0;
  let chosen: 'utf-8' | 'windows-1252' = encoding === 'auto' ? 'utf-8' : encoding;
  let delimiter = ',';
  let header: string[] | null = null;
  let fieldOf: Array<ImportField | undefined> = [];
  let position = new Map<string, number>();
  let columns: Record<string, string> = {};
  let ignored: string[] = [];
  let customFields: string[] = [];

  const write = async (text: string) => {
    if (!rejects.write(text))
      await new Promise<void>((resolve) => rejects.once('drain', () => resolve()));
  };
  const reject = async (record: CsvRecord, reason: string) => {
    rejected += 1;
    rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
    await write(`${formatCsvLine([...record.fields, String(record.line), reason], delimiter)}\n`);
  };

  try {
    const outcome = await store.bulk(async (session) => {
      const importer = createContactImporter(session, options.workspaceId, {
        origin: `import:${options.file.split('/').pop()}`,
        now: options.now,
      });
      let batch: ImportRow[] = [];
      const defaults = options.consentDefaults ?? {};

      // The cells of the record being read; `get` is built once per file, not once per row.
      let values: readonly string[] = [];
      const get = (field: string) => {
        const i = position.get(field) ?? -1;
        const v = i >= 0 ? values[i] : undefined;
        return v === undefined || v.trim() === '' ? (defaults[field as ConsentField] ?? v) : v;
      };
      const context: { now: Date; parse: typeof parse; places: PostalIndex | null } = {
        now: options.now,
        parse,
        places: null,
      };

      const readHeader = async (record: CsvRecord) => {
        header = record.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
        ({ fieldOf, columns, ignored, customFields } = mapColumns(header, explicit));
        position = new Map(fieldOf.flatMap((f, i) => (f ? [[f, i] as const] : [])));
        if (!fieldOf.includes('phone')) {
          throw new DomainError(
            'invalid_input',
            `no phone column in ${options.file} (header: ${header.join(', ')}); use --map COLUMN=phone`,
          );
        }
        if (fieldOf.includes('postal_code')) context.places = loadPlaces();
        await write(`${formatCsvLine([...header, 'line', 'reason'], delimiter)}\n`);
      };

      /** Handles one record; returns a promise only when there is I/O to wait for. */
      const onRecord = (record: CsvRecord): Promise<void> | undefined => {
        if (!header) return readHeader(record);
        rows += 1;
        if (record.error) return reject(record, record.error);
        if (record.fields.length !== header.length) return reject(record, 'ragged-row');
        values = record.fields;
        const row = normaliseContact(get, customFields, context);
        if (!row.ok) {
          if (row.refuseFile) {
            throw new Refusal({
              ok: false,
              reason: row.refuseFile,
              line: record.line,
              message:
                row.refuseFile === 'opt_out_source'
                  ? `line ${record.line}: opt-out source (opt_out_active/opt_out_passive or pre-ticked box) is not consent; the whole file is refused and nothing was imported (rules.md FR-CONS-02)`
                  : `line ${record.line}: consent evidence missing (${row.missing?.join(', ')}); the whole file is refused and nothing was imported (rules.md FR-CONS-06); give the columns or --consent-* options`,
              ...(row.missing ? { missing: row.missing } : {}),
            });
          }
          return reject(record, row.reason);
        }
        batch.push({ line: record.line, contact: row.contact, consent: row.consent });
        if (batch.length < batchSize) return undefined;
        const full = batch;
        batch = [];
        return importer.writeBatch(full);
      };
      const onRecords = async (records: Iterable<CsvRecord>) => {
        for (const record of records) {
          const pending = onRecord(record);
          if (pending) await pending;
        }
      };

      let splitter: ReturnType<typeof createCsvSplitter> | null = null;
      let decode: (chunk: Buffer, final: boolean) => string = () => '';
      let bytesRead = 0;
      const stream = createReadStream(options.file, { highWaterMark: 1 << 20 });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (!splitter) {
          if (encoding === 'auto') chosen = looksUtf8(chunk) ? 'utf-8' : 'windows-1252';
          decode = makeDecoder(chosen);
        }
        const text = decode(chunk, false);
        if (!splitter) {
          const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
          delimiter = delimiters[options.delimiter ?? 'auto'] ?? detectDelimiter(firstLine);
          splitter = createCsvSplitter(delimiter);
        }
        await onRecords(splitter.push(text));
        bytesRead += chunk.length;
        options.onProgress?.(bytesRead, size);
      }
      const tail = decode(Buffer.alloc(0), true);
      await onRecords(splitter?.push(tail) ?? []);
      await onRecords(splitter?.end() ?? []);
      if (!header)
        throw new DomainError('invalid_input', `${options.file} is empty (no header line)`);
      if (batch.length > 0) await importer.writeBatch(batch);
      return importer.counts;
    });
    await new Promise<void>((resolve, fail) => {
      rejects.once('error', fail);
      rejects.end(() => resolve());
    });
    return {
      ok: true,
      summary: {
        rows,
        imported: outcome.imported,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        duplicates: outcome.duplicates,
        rejected,
        rejectedByReason,
        rejectsFile: rejectsPath,
        consentEvents: outcome.consentEvents,
        suppressed: outcome.suppressed,
        liftedSuppressions: outcome.liftedSuppressions,
        encoding: chosen,
        delimiter,
        columns,
        ignoredColumns: ignored,
        durationMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    await discard(rejects, rejectsPath);
    if (error instanceof Refusal) return error.outcome;
    throw error;
  }
}

function looksUtf8(chunk: Buffer): boolean {
  if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return true;
  const end = chunk.lastIndexOf(0x0a);
  return isUtf8(
    end > 0 ? chunk.subarray(0, end) : chunk.subarray(0, Math.max(0, chunk.length - 3)),
  );
}

function makeDecoder(
  encoding: 'utf-8' | 'windows-1252',
): (chunk: Buffer, final: boolean) => string {
  if (encoding === 'windows-1252') {
    const decoder = iconv.getDecoder('win1252');
    return (chunk, final) => (final ? (decoder.end() ?? '') : decoder.write(chunk));
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  return (chunk, final) => {
    try {
      return decoder.decode(chunk, { stream: !final });
    } catch {
      throw new NotUtf8();
    }
  };
}

async function discard(stream: WriteStream, path: string): Promise<void> {
  await new Promise<void>((resolve) => stream.end(() => resolve()));
  await unlink(path).catch(() => {});
}
