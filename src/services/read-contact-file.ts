import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { ConsentField, ImportField } from '../core/contact/contact-fields.ts';
import { createNumberParser } from '../core/contact/create-number-parser.ts';
import { mapColumns, parseMapOption } from '../core/contact/map-header.ts';
import { normaliseContact } from '../core/contact/normalise-contact.ts';
import {
  type CsvRecord,
  createCsvSplitter,
  detectDelimiter,
  formatCsvLine,
} from '../core/contact/split-csv.ts';
import { DomainError } from '../core/domain-error.ts';
import type { PostalIndex } from '../core/geo/locate-postal-code.ts';
import type { ImportRow } from '../store/contact-import.ts';
import { loadPlaces } from './contacts.ts';

/** What to read and how. */
export interface ReadRequest {
  readonly file: string;
  /** How messages name the file (default: its path). */
  readonly fileName?: string | undefined;
  readonly map?: string | undefined;
  /** A delimiter character, or undefined to detect it from the header line. */
  readonly delimiter?: string | undefined;
  readonly encoding: 'auto' | 'utf-8' | 'windows-1252';
  readonly consentDefaults: Partial<Record<ConsentField, string>>;
  readonly now: Date;
  readonly batchSize: number;
}

export interface FileLayout {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: string;
  columns: Record<string, string>;
  ignoredColumns: string[];
  /** The rejects CSV header line (original columns + line + reason). */
  rejectsHeader: string;
}

/** The end of a batch: its reject lines to write, in file order. */
export interface ReadBatch {
  rejects: string;
  bytesRead: number;
}

export interface ReadTotals {
  rows: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
}

export interface ReadSink {
  layout(layout: FileLayout): void;
  /** Each valid row, as soon as it is read (not kept: it dies young, the GC's cheapest). */
  row(row: ImportRow): void;
  /** After every `batchSize` rows (valid or rejected), and at the end. */
  batch(batch: ReadBatch): Promise<void>;
  progress(bytesRead: number): void;
}

export interface FileRefusalOutcome {
  readonly ok: false;
  readonly reason: 'opt_out_source' | 'missing_consent_evidence';
  readonly message: string;
  readonly line: number | null;
  readonly missing?: string[];
}

/** Thrown (and caught by the import) when the whole file must be refused. */
export class Refusal {
  constructor(readonly outcome: FileRefusalOutcome) {}
}
/** Thrown when a file read as UTF-8 turns out not to be. */
export class NotUtf8 {}

/**
 * Reads a contacts CSV (streaming, bounded memory), normalises and validates every row and
 * hands the sink batches of valid rows and reject lines, in file order. No database: the
 * import stores each batch (and writes its rejects) before the next one is read.
 */
export async function readContactFile(request: ReadRequest, sink: ReadSink): Promise<ReadTotals> {
  const explicit = parseMapOption(request.map);
  const defaults = request.consentDefaults;
  const totals: ReadTotals = { rows: 0, rejected: 0, rejectedByReason: {} };
  let chosen: 'utf-8' | 'windows-1252' = request.encoding === 'auto' ? 'utf-8' : request.encoding;
  let delimiter = ',';
  let header: string[] | null = null;
  let position = new Map<string, number>();
  let customFields: string[] = [];
  let batchRows = 0;
  let rejects = '';
  let pendingRejects = 0;
  let bytesRead = 0;

  // The cells of the record being read; `get` is built once per file, not once per row.
  let values: readonly string[] = [];
  const get = (field: string) => {
    const i = position.get(field) ?? -1;
    const v = i >= 0 ? values[i] : undefined;
    return v === undefined || v.trim() === '' ? (defaults[field as ConsentField] ?? v) : v;
  };
  const context: {
    now: Date;
    parse: ReturnType<typeof createNumberParser>;
    places: PostalIndex | null;
  } = {
    now: request.now,
    parse: createNumberParser('FR'),
    places: null,
  };

  const flush = () => {
    const out = { rejects, bytesRead };
    batchRows = 0;
    rejects = '';
    pendingRejects = 0;
    return sink.batch(out);
  };
  const reject = (record: CsvRecord, reason: string) => {
    totals.rejected += 1;
    totals.rejectedByReason[reason] = (totals.rejectedByReason[reason] ?? 0) + 1;
    rejects += `${formatCsvLine([...record.fields, String(record.line), reason], delimiter)}\n`;
    pendingRejects += 1;
    return pendingRejects >= request.batchSize ? flush() : undefined;
  };
  const readHeader = (record: CsvRecord) => {
    header = record.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
    const mapped = mapColumns(header, explicit);
    const fieldOf: Array<ImportField | undefined> = mapped.fieldOf;
    customFields = mapped.customFields;
    position = new Map(fieldOf.flatMap((f, i) => (f ? [[f, i] as const] : [])));
    if (!fieldOf.includes('phone')) {
      throw new DomainError(
        'invalid_input',
        `no phone column in ${request.fileName ?? request.file} (header: ${header.join(', ')}); map one to phone (--map COLUMN=phone, or the map parameter)`,
      );
    }
    if (fieldOf.includes('postal_code')) context.places = loadPlaces();
    sink.layout({
      encoding: chosen,
      delimiter,
      columns: mapped.columns,
      ignoredColumns: mapped.ignored,
      rejectsHeader: `${formatCsvLine([...header, 'line', 'reason'], delimiter)}\n`,
    });
  };

  /** Handles one record; returns a promise only when there is a batch to hand over. */
  const onRecord = (record: CsvRecord): Promise<void> | undefined => {
    if (!header) {
      readHeader(record);
      return undefined;
    }
    totals.rows += 1;
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
              ? `line ${record.line}: opt-out source (opt_out_active/opt_out_passive or pre-ticked box) is not consent; the whole file is refused and nothing was imported (rule FR-CONS-02)`
              : `line ${record.line}: consent evidence missing (${row.missing?.join(', ')}); the whole file is refused and nothing was imported (rule FR-CONS-06); give the columns, or the evidence for the whole file (--consent-… options, or the import form's consent fields)`,
          ...(row.missing ? { missing: row.missing } : {}),
        });
      }
      return reject(record, row.reason);
    }
    sink.row({ line: record.line, contact: row.contact, consent: row.consent });
    batchRows += 1;
    return batchRows >= request.batchSize ? flush() : undefined;
  };
  const onRecords = async (records: Iterable<CsvRecord>) => {
    for (const record of records) {
      const pending = onRecord(record);
      if (pending) await pending;
    }
  };

  let splitter: ReturnType<typeof createCsvSplitter> | null = null;
  let decode: (chunk: Buffer, final: boolean) => string = () => '';
  const stream = createReadStream(request.file, { highWaterMark: 1 << 16 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!splitter) {
      if (request.encoding === 'auto') chosen = looksUtf8(chunk) ? 'utf-8' : 'windows-1252';
      decode = makeDecoder(chosen);
    }
    const text = decode(chunk, false);
    if (!splitter) {
      const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
      delimiter = request.delimiter ?? detectDelimiter(firstLine);
      splitter = createCsvSplitter(delimiter);
    }
    await onRecords(splitter.push(text));
    bytesRead += chunk.length;
    sink.progress(bytesRead);
  }
  const tail = decode(Buffer.alloc(0), true);
  await onRecords(splitter?.push(tail) ?? []);
  await onRecords(splitter?.end() ?? []);
  if (!header) {
    throw new DomainError(
      'invalid_input',
      `${request.fileName ?? request.file} is empty (no header line)`,
    );
  }
  if (batchRows > 0 || rejects !== '') await flush();
  return totals;
}

function looksUtf8(chunk: Buffer): boolean {
  if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return true;
  return isUtf8(chunk.subarray(0, completeUtf8Length(chunk)));
}

function makeDecoder(
  encoding: 'utf-8' | 'windows-1252',
): (chunk: Buffer, final: boolean) => string {
  if (encoding === 'windows-1252') {
    const decoder = iconv.getDecoder('win1252');
    return (chunk, final) => (final ? (decoder.end() ?? '') : decoder.write(chunk));
  }
  return utf8Decoder();
}

/**
 * Checked UTF-8 decoding by chunks, a character cut at a chunk's end carried to the next.
 * Not TextDecoder: it returns two-byte strings even for Latin-1 text, which doubles every
 * field's size and the garbage of a large import; Buffer#toString gives one-byte strings.
 */
function utf8Decoder(): (chunk: Buffer, final: boolean) => string {
  let carry: Buffer | null = null;
  let first = true;
  return (chunk, final) => {
    const bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const end = final ? bytes.length : completeUtf8Length(bytes);
    carry = end < bytes.length ? Buffer.from(bytes.subarray(end)) : null;
    const body = bytes.subarray(0, end);
    if (!isUtf8(body)) throw new NotUtf8();
    let text = body.toString('utf8');
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };
}

/** Bytes up to the last whole character: a sequence cut by the end waits for its rest. */
function completeUtf8Length(bytes: Uint8Array): number {
  for (let i = bytes.length - 1, back = 0; i >= 0 && back < 4; i--, back++) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}
