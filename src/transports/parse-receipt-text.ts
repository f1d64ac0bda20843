import type { ReceiptStatus } from './transport.ts';

/** The fields of an SMPP 3.4 Appendix B receipt text that Texto uses. */
export interface ReceiptText {
  readonly id?: string;
  readonly stat?: ReceiptStatus;
  /** The raw stat word, kept when it maps to 'unknown'. */
  readonly statWord?: string;
  readonly err?: string;
  /** `done date:` (YYMMDDhhmm or YYMMDDhhmmss), read as UTC. */
  readonly doneAt?: Date;
}

const statWords: Record<string, ReceiptStatus> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  UNDELIV: 'undeliverable',
  UNDELIVERABLE: 'undeliverable',
  ACCEPTD: 'accepted',
  ACCEPTED: 'accepted',
  UNKNOWN: 'unknown',
  REJECTD: 'rejected',
  REJECTED: 'rejected',
  ENROUTE: 'enroute',
};

/** message_state TLV (0x0427) values, SMPP 3.4 §5.2.28. */
const messageStates: Record<number, ReceiptStatus> = {
  1: 'enroute',
  2: 'delivered',
  3: 'expired',
  4: 'deleted',
  5: 'undeliverable',
  6: 'accepted',
  7: 'unknown',
  8: 'rejected',
};

export function mapMessageState(state: number): ReceiptStatus {
  return messageStates[state] ?? 'unknown';
}

export function mapStatWord(word: string): ReceiptStatus {
  return statWords[word.trim().toUpperCase()] ?? 'unknown';
}

/** Built once, used without closures: a receipt per message is parsed (no `g`: exec keeps no state). */
const fieldPatterns = {
  id: fieldPattern('id'),
  stat: fieldPattern('stat'),
  err: fieldPattern('err'),
  done: fieldPattern('done date'),
};

function fieldPattern(name: string): RegExp {
  return new RegExp(`(?:^|\\s)${name}:\\s*(\\S*)`, 'i');
}

/**
 * Parses `id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD
 * err:E text:…`, tolerating any order, case and missing fields.
 */
export function parseReceiptText(text: string): ReceiptText {
  const id = fieldPatterns.id.exec(text)?.[1] || undefined;
  const statWord = fieldPatterns.stat.exec(text)?.[1] || undefined;
  const err = fieldPatterns.err.exec(text)?.[1] || undefined;
  const done = fieldPatterns.done.exec(text)?.[1] || undefined;
  const doneAt = done ? parseSmppDate(done) : undefined;
  // Filled in place: four conditional spreads cost more than the regular expressions.
  const result: { -readonly [K in keyof ReceiptText]: ReceiptText[K] } = {};
  if (id) result.id = id;
  if (statWord) {
    result.stat = mapStatWord(statWord);
    result.statWord = statWord;
  }
  if (err) result.err = err;
  if (doneAt) result.doneAt = doneAt;
  return result;
}

function parseSmppDate(value: string): Date | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/.exec(value);
  if (!m) return undefined;
  const [, yy, mo, dd, hh, mi, ss] = m;
  const date = new Date(
    Date.UTC(
      2000 + Number(yy),
      Number(mo) - 1,
      Number(dd),
      Number(hh),
      Number(mi),
      Number(ss ?? 0),
    ),
  );
  // Reject overflowing fields (month 13, day 99…) rather than let Date roll them over.
  return date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(dd) &&
    date.getUTCHours() === Number(hh) &&
    date.getUTCMinutes() === Number(mi)
    ? date
    : undefined;
}
