import type { ConsentEventInput } from '../consent/consent-event.ts';
import {
  type ConsentEvidence,
  eventOf,
  evidenceKey,
  evidenceOf,
  sameEvidence,
} from '../consent/consent-evidence.ts';
import { addYears, consentLifetimeYears, stateOf } from '../consent/derive-consent-state.ts';
import { fingerprinterFor, firstChainHasher } from '../consent/hash-consent-event.ts';
import { contactFromValues, contactValueKeys } from './merge-contact.ts';
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
 * new contact, its event's hash as the first of a chain (from the event's fingerprint) — and
 * the rows travel as one block of bytes (moved between threads, each row decoded and split
 * natively on arrival) instead of objects that the storing thread would rebuild field by field.
 */
export interface PreparedBatch {
  /**
   * The rows as UTF-8, separated by RS; a row is its contact row (`preparedContactColumns`)
   * then its extras (`extra`), values separated by US; null is NUL. Bytes, not a string: they
   * move between threads without a copy and stay outside the storing thread's heap (a string
   * of 1–2 MB per batch, promoted and collected in bulk, made that heap saw up to ~140 MB).
   */
  readonly bytes: Uint8Array;
  readonly count: number;
  /** Rows with a separator or NUL in a value, by position. */
  readonly odd: ReadonlyArray<readonly [number, PreparedRow]>;
  /** Evidences first seen in this batch; a row's `extra.evidence` indexes all seen so far. */
  readonly evidences: readonly ConsentEvidence[];
  /** Positions of the rows whose number is on another row of the batch too, ascending. */
  readonly repeated: readonly number[];
}

/** One row: the values of its contact row, in column order, and what its event needs. */
export interface PreparedRow {
  readonly contact: unknown[];
  readonly extras: unknown[];
}

/** The byte between two rows (ASCII RS) and the text between two values (US). */
const RS = 0x1e;
const US = '\u001f';
const NUL = '\u0000';

/**
 * The contact row as stored, but for what every row of an import shares (workspace, list,
 * created and updated at: given once to the insert): the values, then the consent cache.
 */
export const preparedContactColumns = [
  ...contactValueKeys,
  'consent_basis',
  'consent_status',
  'consent_valid_until',
  'consent_collected_at',
] as const;
const contactWidth = preparedContactColumns.length;
export const statusAt = contactValueKeys.length + 1;
const collectedAtAt = contactValueKeys.length + 3;
/** Integer columns, bound as numbers (a string would be converted by the database). */
const integerAt = [contactValueKeys.indexOf('birth_year'), contactValueKeys.indexOf('children')];

/** Position of each value in a row's extras. */
export const extra = {
  line: 0,
  evidence: 1,
  ip: 2,
  userAgent: 3,
  /** The event's hash when it is the first of its contact's chain. */
  firstHash: 4,
} as const;
const extrasWidth = 5;

/** Whether a value can travel in the bytes as it is. */
function plain(v: string | null): boolean {
  if (v === null) return true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0 || c === 0x1e || c === 0x1f) return false;
  }
  return true;
}

/**
 * Prepares the valid rows of one import as they are read, for `workspaceId`: the chain hashes
 * depend on the workspace, the number, the origin and the recording time. `add` takes a row
 * (nothing of it is kept but its encoded row), `take` hands over the batch gathered so far.
 */
export function createRowPreparer(workspaceId: string, origin: string, recordedAt: string) {
  const evidenceIndex = new Map<string, number>();
  const firstHash = firstChainHasher(workspaceId, origin, recordedAt);
  const fingerprinters: Array<ReturnType<typeof fingerprinterFor>> = [];
  /** Per evidence: whether its events are consent at all (the check reads only evidence). */
  const granted: boolean[] = [];
  let evidences: ConsentEvidence[] = [];
  let odd: Array<readonly [number, PreparedRow]> = [];
  // Each number's first position in the batch, -1 once it is known repeated.
  let firstAt = new Map<string, number>();
  let repeated: number[] = [];
  // Rows are written as they come into bytes outside the heap: nothing of a row outlives it
  // there (kept as strings until the batch was taken, rows were promoted and collected in bulk).
  let bytes = Buffer.allocUnsafeSlow(1 << 20);
  let used = 0;
  let count = 0;
  const write = (text: string) => {
    // UTF-8 is at most 3 bytes per UTF-16 unit; +1 for the row separator.
    const room = text.length * 3 + 1;
    if (used + room > bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(bytes.length * 2, used + room));
      bytes.copy(grown, 0, 0, used);
      bytes = grown;
    }
    if (used > 0) bytes[used++] = RS;
    used += bytes.write(text, used);
  };
  // A file's rows mostly share one evidence: compared with the last one, field by field,
  // before its key is built and looked up.
  let last: { consent: ConsentEventInput; index: number } | null = null;
  const evidenceOfRow = (consent: ConsentEventInput): number => {
    if (last && sameEvidence(last.consent, consent)) return last.index;
    const key = evidenceKey(consent);
    let index = evidenceIndex.get(key);
    if (index === undefined) {
      index = evidenceIndex.size;
      evidenceIndex.set(key, index);
      evidences.push(evidenceOf(consent));
      fingerprinters.push(fingerprinterFor(consent));
      granted.push(stateOf(consent, null).status === 'granted');
    }
    last = { consent, index };
    return index;
  };
  return {
    add(row: ValidRow): void {
      const { contact, consent } = row;
      const first = firstAt.get(contact.phone);
      if (first === undefined) firstAt.set(contact.phone, count);
      else {
        if (first >= 0) repeated.push(first);
        firstAt.set(contact.phone, -1);
        repeated.push(count);
      }
      const evidence = evidenceOfRow(consent);
      const print = fingerprinters[evidence]!(contact.phone, consent);
      // stateOf for an event whose evidence is known to be consent, without its objects.
      const interaction = contact.last_interaction_at;
      const ok = consent.kind === 'granted' && granted[evidence]!;
      const from =
        interaction && interaction > consent.collectedAt ? interaction : consent.collectedAt;
      const values: unknown[] = new Array(contactWidth + extrasWidth);
      for (let k = 0; k < contactValueKeys.length; k++) values[k] = contact[contactValueKeys[k]!];
      let at = contactValueKeys.length;
      values[at++] = consent.basis;
      values[at++] = consent.kind === 'withdrawn' ? 'withdrawn' : ok ? 'granted' : 'invalid';
      values[at++] = ok ? addYears(from, consentLifetimeYears) : null;
      values[at++] = consent.collectedAt;
      values[at + extra.line] = row.line;
      values[at + extra.evidence] = evidence;
      values[at + extra.ip] = consent.ip;
      values[at + extra.userAgent] = consent.userAgent;
      values[at + extra.firstHash] = firstHash(print, contact.phone);
      // Only values copied from the file's cells can carry a separator.
      if (
        plain(contact.first_name) &&
        plain(contact.last_name) &&
        plain(contact.commune) &&
        plain(contact.interests) &&
        plain(contact.custom) &&
        plain(contact.source) &&
        plain(consent.ip) &&
        plain(consent.userAgent)
      ) {
        // One flat string per row (a join, not concatenations the GC must then collect).
        for (let i = 0; i < values.length; i++) values[i] ??= NUL;
        write(values.join(US));
      } else {
        odd.push([
          count,
          { contact: values.slice(0, contactWidth), extras: values.slice(contactWidth) },
        ]);
      }
      count += 1;
    },
    take(): PreparedBatch {
      const batch = {
        bytes: new Uint8Array(bytes.buffer, 0, used),
        count,
        odd,
        evidences,
        repeated: repeated.sort((a, b) => a - b),
      };
      firstAt = new Map();
      repeated = [];
      bytes = Buffer.allocUnsafeSlow(Math.max(1 << 16, Math.ceil(used * 1.25)));
      used = 0;
      odd = [];
      evidences = [];
      count = 0;
      return batch;
    },
  };
}

/**
 * The rows of a prepared batch, in order, by chunks of `size` rows, each decoded only when
 * asked for: text values, and numbers for the integer columns (birth year, children) and the
 * extras' line and evidence.
 */
export function* preparedRowChunks(
  batch: PreparedBatch,
  size: number,
): Generator<PreparedRow[], void, undefined> {
  const { buffer, byteOffset, length } = batch.bytes;
  // A Buffer slice decoded per row: no view object and no decoder call around each row.
  const bytes = Buffer.from(buffer, byteOffset, length);
  let start = 0;
  let odd = 0;
  for (let first = 0; first < batch.count; first += size) {
    const rows: PreparedRow[] = [];
    for (let position = first; position < Math.min(first + size, batch.count); position++) {
      const special = batch.odd[odd];
      if (special && special[0] === position) {
        rows.push({ contact: [...special[1].contact], extras: [...special[1].extras] });
        odd += 1;
        continue;
      }
      let end = bytes.indexOf(RS, start);
      if (end < 0) end = length;
      rows.push(decodeRow(bytes.toString('utf8', start, end), position));
      start = end + 1;
    }
    yield rows;
  }
}

function decodeRow(text: string, position: number): PreparedRow {
  const values: unknown[] = text.split(US);
  if (values.length !== contactWidth + extrasWidth) {
    throw new Error(`prepared row ${position}: ${values.length} values`);
  }
  for (let i = 0; i < values.length; i++) if (values[i] === NUL) values[i] = null;
  for (const i of integerAt) if (values[i] !== null) values[i] = Number(values[i]);
  const extras = values.slice(contactWidth);
  extras[extra.line] = Number(extras[extra.line]);
  extras[extra.evidence] = Number(extras[extra.evidence]);
  values.length = contactWidth;
  return { contact: values, extras };
}

/** A prepared row's contact, as the normaliser gave it. */
export function contactOf(row: PreparedRow): ContactValues {
  return contactFromValues(row.contact);
}

/** A prepared row's number. */
export const phoneOf = (row: PreparedRow) => row.contact[0] as string;

/** When a prepared row's consent was collected (its event's and its contact's cache). */
export const collectedAtOf = (row: PreparedRow) => row.contact[collectedAtAt] as string;

/** A prepared row's consent event, given the evidences seen so far. */
export function consentOf(
  row: PreparedRow,
  evidences: readonly ConsentEvidence[],
): ConsentEventInput {
  return eventOf(evidences[row.extras[extra.evidence] as number]!, {
    collectedAt: collectedAtOf(row),
    ip: row.extras[extra.ip] as string | null,
    userAgent: row.extras[extra.userAgent] as string | null,
  });
}
