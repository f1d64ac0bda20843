import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { createNumberParser } from '../core/contact/create-number-parser.ts';
import { proposeFields } from '../core/contact/map-header.ts';
import { type ContactValues, normaliseContact } from '../core/contact/normalise-contact.ts';
import { createCsvSplitter, detectDelimiter, formatCsvLine } from '../core/contact/split-csv.ts';
import { DomainError } from '../core/domain-error.ts';
import { buildPostalIndex, type PostalIndex } from '../core/geo/locate-postal-code.ts';
import { checkListConsent } from '../core/marketplace/check-list-consent.ts';

export interface ListFileRow {
  readonly line: number;
  readonly contact: ContactValues;
  readonly consent: ConsentEventInput;
}

export type ListRefusalReason =
  | 'opt_out_source'
  | 'missing_consent_evidence'
  | 'missing_partner_consent'
  | 'no_contacts';

export interface ListRefusal {
  readonly ok: false;
  readonly reason: ListRefusalReason;
  readonly message: string;
  readonly line: number | null;
  readonly missing?: readonly string[];
  /** `no_contacts`: the rows refused, by reason, and where each is listed. */
  readonly rejected?: number;
  readonly rejectedByReason?: Record<string, number>;
  readonly rejectsFile?: string;
}

export interface ListFileTally {
  readonly ok: true;
  readonly rows: number;
  readonly rejected: number;
  readonly rejectedByReason: Record<string, number>;
  /**
   * The rejects report as the contacts import writes it: the header with `line` and `reason`
   * added, then each refused row as it was, in the file's delimiter.
   */
  readonly rejects: string;
}

/** A list file's text (UTF-8, else Windows-1252); not_found when it cannot be read. */
export function readListText(file: string, shownAs = file): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new DomainError('not_found', `cannot read ${shownAs}`, { file: shownAs });
  }
  return isUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, 'win1252');
}

/**
 * Reads a list CSV (the contacts import format) and judges every row: yields each valid row,
 * skips and counts bad ones, and stops at the first row that refuses the whole list (LIST-01
 * partner consent, FR-CONS-02 opt-out source, FR-CONS-06 missing evidence), returning why.
 * Pure over the text, so a caller can judge a file fully before writing anything, then read it
 * again to write it in batches.
 */
export function* scanListFile(
  text: string,
  file: string,
  now: Date,
): Generator<ListFileRow, ListFileTally | ListRefusal> {
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const delimiter = detectDelimiter(firstLine);
  const records = readRecords(text, createCsvSplitter(delimiter));
  const header = records
    .next()
    .value?.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  if (!header) throw new DomainError('invalid_input', `${file} is empty (no header line)`);
  const fields = proposeFields(header);
  if (!fields.includes('phone')) {
    throw new DomainError(
      'invalid_input',
      `no phone column in ${file} (header: ${header.join(', ')})`,
    );
  }
  const position = new Map(fields.flatMap((f, i) => (f ? [[f as string, i] as const] : [])));
  const customFields = fields.filter((f): f is `custom.${string}` =>
    Boolean(f?.startsWith('custom.')),
  );
  const parse = createNumberParser('FR');
  const places = fields.includes('postal_code') ? loadPlaces() : null;
  const rejectedByReason: Record<string, number> = {};
  let rejected = 0;
  let rows = 0;
  let rejects = `${formatCsvLine([...header, 'line', 'reason'], delimiter)}\n`;
  const reject = (record: { fields: string[]; line: number }, reason: string) => {
    rejected += 1;
    rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
    rejects += `${formatCsvLine([...record.fields, String(record.line), reason], delimiter)}\n`;
  };
  for (const record of records) {
    rows += 1;
    if (record.error) {
      reject(record, record.error);
      continue;
    }
    if (record.fields.length !== header.length) {
      reject(record, 'ragged-row');
      continue;
    }
    const get = (field: string) => {
      const i = position.get(field);
      return i === undefined ? undefined : record.fields[i];
    };
    const row = normaliseContact(get, customFields, { now, parse, places });
    if (!row.ok) {
      if (row.refuseFile === 'opt_out_source') {
        return refuse(
          'opt_out_source',
          record.line,
          'opt-out source (opt_out_active/opt_out_passive or pre-ticked box) is not consent (rule FR-CONS-02)',
        );
      }
      if (row.refuseFile === 'missing_consent_evidence') {
        const partner = row.missing?.some((m) => m.startsWith('consent_partner')) ?? false;
        return {
          ...refuse(
            partner ? 'missing_partner_consent' : 'missing_consent_evidence',
            record.line,
            `consent evidence missing (${row.missing?.join(', ')}) (rules FR-CONS-06, LIST-01)`,
          ),
          missing: row.missing ?? [],
        };
      }
      if (
        row.reason === 'consent-partner-consent-missing' ||
        row.reason === 'consent-soft-opt-in-from-list'
      ) {
        return refuse('missing_partner_consent', record.line, partnerMessage(row.reason));
      }
      reject(record, row.reason);
      continue;
    }
    const defect = checkListConsent(row.consent);
    if (defect) return refuse('missing_partner_consent', record.line, partnerMessage(defect));
    yield { line: record.line, contact: row.contact, consent: row.consent };
  }
  return { ok: true, rows, rejected, rejectedByReason, rejects };
}

/** The CSV records of a text, fed to the splitter in 1 MiB slices (it wants chunks). */
function* readRecords(text: string, splitter: ReturnType<typeof createCsvSplitter>) {
  for (let at = 0; at < text.length; at += 1 << 20) {
    yield* splitter.push(text.slice(at, at + (1 << 20)));
  }
  yield* splitter.end();
}

let postalIndex: PostalIndex | undefined;
function loadPlaces(): PostalIndex {
  if (!postalIndex) {
    const require = createRequire(import.meta.url);
    const read = (name: string) =>
      JSON.parse(
        readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}`), 'utf8'),
      );
    const regions = read('regions.json') as Array<{ code: string; nom: string }>;
    postalIndex = buildPostalIndex(
      read('communes.json'),
      new Map(regions.map((r) => [r.code, r.nom])),
    );
  }
  return postalIndex;
}

const partnerReasons: Record<string, string> = {
  not_from_partner_collection:
    'not collected for transmission to partners (consent_source is not the list provider)',
  partner_consent_missing: 'no consent to transmission to partners (consent_partner is not true)',
  'consent-partner-consent-missing':
    'no consent to transmission to partners (consent_partner is not true)',
  partner_list_missing: 'the partner list URL and version are missing',
  soft_opt_in_from_list: 'soft opt-in can never apply to a list',
  'consent-soft-opt-in-from-list': 'soft opt-in can never apply to a list',
};

function partnerMessage(defect: string): string {
  return `${partnerReasons[defect] ?? defect} (rules LIST-01, LIST-05)`;
}

function refuse(reason: ListRefusalReason, line: number, why: string): ListRefusal {
  return {
    ok: false,
    reason,
    line,
    message: `line ${line}: ${why}; the whole list is refused and nothing was imported`,
  };
}
