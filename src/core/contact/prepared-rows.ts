import type { ConsentEventInput } from '../consent/consent-event.ts';
import { type ConsentEvidence, evidenceKey, evidenceOf } from '../consent/consent-evidence.ts';
import { stateOf } from '../consent/derive-consent-state.ts';
import { chainHash, fingerprinterFor, genesisHash } from '../consent/hash-consent-event.ts';
import { contactValueKeys } from './merge-contact.ts';
import type { ContactValues } from './normalise-contact.ts';

/** A valid row of an import file: its line, its contact values and its consent event. */
export interface ValidRow {
  readonly line: number;
  readonly contact: ContactValues;
  readonly consent: ConsentEventInput;
}

/**
 * A batch of valid rows prepared for storing (issue 4: a 1M-row import): everything a row
 * needs besides its database ids is computed where the file is read — the consent cache of a
 * new contact, the fingerprint of its event, the event's hash as the first of a chain — and
 * the rows travel as one text (one copy between threads, split natively on arrival) instead
 * of objects that the storing thread would rebuild field by field.
 */
export interface PreparedBatch {
  /**
   * Rows separated by RS; a row is its contact row (`preparedContactColumns`), GS, its extras
   * (`extra`); values separated by US; null is NUL.
   */
  readonly text: string;
  readonly count: number;
  /** Rows with a separator or NUL in a value, by position. */
  readonly odd: ReadonlyArray<readonly [number, PreparedRow]>;
  /** Evidences first seen in this batch; a row's `extra.evidence` indexes all seen so far. */
  readonly evidences: readonly ConsentEvidence[];
}

/** One row: the values of its contact row, in column order, and what its event needs. */
export interface PreparedRow {
  readonly contact: unknown[];
  readonly extras: unknown[];
}

const RS = '\u001e';
const GS = '\u001d';
const US = '\u001f';
const NUL = '\u0000';

/** The contact row as stored: workspace, list, the values, the consent cache, timestamps. */
export const preparedContactColumns = [
  'workspace_id',
  'list_id',
  ...contactValueKeys,
  'consent_basis',
  'consent_status',
  'consent_valid_until',
  'consent_collected_at',
  'created_at',
  'updated_at',
] as const;
const contactWidth = preparedContactColumns.length;
/** Where each contact value sits in the contact row. */
const firstValue = 2;
export const statusAt = firstValue + contactValueKeys.length + 1;

/** Position of each value in a row's extras. */
export const extra = {
  line: 0,
  evidence: 1,
  collectedAt: 2,
  ip: 3,
  userAgent: 4,
  fingerprint: 5,
  /** The event's hash when it is the first of its contact's chain. */
  firstHash: 6,
} as const;
const extrasWidth = 7;

/** Whether a value can travel in the text as it is. */
function plain(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0 || (c >= 0x1d && c <= 0x1f)) return false;
  }
  return true;
}

/** One flat string (a join, not a chain of concatenations the GC must then collect). */
function encode(values: unknown[]): string {
  for (let i = 0; i < values.length; i++) values[i] ??= NUL;
  return values.join(US);
}

/**
 * Prepares the valid rows of one import as they are read, for `workspaceId`: the chain hashes
 * depend on the workspace, the number, the origin and the recording time. `add` takes a row
 * (nothing of it is kept but its text), `take` hands over the batch gathered so far.
 */
export function createRowPreparer(workspaceId: string, origin: string, recordedAt: string) {
  const evidenceIndex = new Map<string, number>();
  const fingerprinters: Array<ReturnType<typeof fingerprinterFor>> = [];
  let evidences: ConsentEvidence[] = [];
  let odd: Array<readonly [number, PreparedRow]> = [];
  let lines: string[] = [];
  let count = 0;
  return {
    add(row: ValidRow): void {
      const { contact, consent } = row;
      const key = evidenceKey(consent);
      let evidence = evidenceIndex.get(key);
      if (evidence === undefined) {
        evidence = evidenceIndex.size;
        evidenceIndex.set(key, evidence);
        evidences.push(evidenceOf(consent));
        fingerprinters.push(fingerprinterFor(consent));
      }
      const print = fingerprinters[evidence]!(contact.phone, consent);
      const state = stateOf(consent, contact.last_interaction_at);
      const values: unknown[] = [workspaceId, null];
      let isPlain = true;
      for (const k of contactValueKeys) {
        const v = contact[k];
        if (typeof v === 'string' && !plain(v)) isPlain = false;
        values.push(v);
      }
      values.push(
        state.basis,
        state.status,
        state.validUntil,
        state.collectedAt,
        recordedAt,
        recordedAt,
      );
      const extras = [
        row.line,
        evidence,
        consent.collectedAt,
        consent.ip,
        consent.userAgent,
        print,
        chainHash(genesisHash, print, workspaceId, contact.phone, 1, origin, recordedAt),
      ];
      if (
        (consent.ip !== null && !plain(consent.ip)) ||
        (consent.userAgent !== null && !plain(consent.userAgent))
      )
        isPlain = false;
      if (isPlain) lines.push(encode(values) + GS + encode(extras));
      else odd.push([count, { contact: values, extras }]);
      count += 1;
    },
    take(): PreparedBatch {
      const batch = { text: lines.join(RS), count, odd, evidences };
      lines = [];
      odd = [];
      evidences = [];
      count = 0;
      return batch;
    },
  };
}

function decode(text: string, width: number, position: number): unknown[] {
  const values: unknown[] = text.split(US);
  if (values.length !== width) throw new Error(`prepared row ${position}: ${values.length} values`);
  for (let i = 0; i < width; i++) if (values[i] === NUL) values[i] = null;
  return values;
}

/**
 * The rows of a prepared batch, in order. Contact values stay text where the column is an
 * integer (SQLite's column affinity and PostgreSQL's input both read '1978' as 1978); the
 * extras' line and evidence come back as numbers.
 */
export function readPreparedRows(batch: PreparedBatch): PreparedRow[] {
  const rows: PreparedRow[] = [];
  const lines = batch.text === '' ? [] : batch.text.split(RS);
  let next = 0;
  let odd = 0;
  for (let position = 0; position < batch.count; position++) {
    const special = batch.odd[odd];
    if (special && special[0] === position) {
      rows.push({ contact: [...special[1].contact], extras: [...special[1].extras] });
      odd += 1;
      continue;
    }
    const line = lines[next++]!;
    const split = line.indexOf(GS);
    const extras = decode(line.slice(split + 1), extrasWidth, position);
    extras[extra.line] = Number(extras[extra.line]);
    extras[extra.evidence] = Number(extras[extra.evidence]);
    rows.push({ contact: decode(line.slice(0, split), contactWidth, position), extras });
  }
  return rows;
}

/** A prepared row's contact, as the normaliser gave it. */
export function contactOf(row: PreparedRow): ContactValues {
  const contact: Record<string, unknown> = {};
  contactValueKeys.forEach((k, i) => {
    const v = row.contact[firstValue + i];
    contact[k] = (k === 'birth_year' || k === 'children') && v !== null ? Number(v) : v;
  });
  return contact as unknown as ContactValues;
}

/** A prepared row's number. */
export const phoneOf = (row: PreparedRow) => row.contact[firstValue] as string;

/** A prepared row's consent event, given the evidences seen so far. */
export function consentOf(
  row: PreparedRow,
  evidences: readonly ConsentEvidence[],
): ConsentEventInput {
  return {
    ...evidences[row.extras[extra.evidence] as number]!,
    collectedAt: row.extras[extra.collectedAt] as string,
    ip: row.extras[extra.ip] as string | null,
    userAgent: row.extras[extra.userAgent] as string | null,
  };
}
