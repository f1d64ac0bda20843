import * as crypto from 'node:crypto';
import type { ConsentEvent, ConsentEventInput } from './consent-event.ts';

/** sha256 in hex; the one-shot `crypto.hash` (Node ≥ 20.12) is about twice as fast. */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** prev_hash of the first event of a contact's chain. */
export const genesisHash = '0'.repeat(64);

const contentKeys = [
  'basis',
  'bundledWithTerms',
  'collectedAt',
  'customerPurchase',
  'formUrl',
  'ip',
  'kind',
  'mechanism',
  'objectionOffered',
  'partnerConsent',
  'partnerListUrl',
  'partnerListVersion',
  'prechecked',
  'sourceType',
  'userAgent',
  'wording',
  'wordingVersion',
] as const;

/**
 * Canonical JSON: exactly the listed keys, in that (sorted) order, undefined as null, no
 * whitespace; the same text JSON.stringify gives for such an object, built without one.
 */
function canonical(record: Record<string, unknown>, keys: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = record[keys[i]!];
    out += `${i === 0 ? '' : ','}"${keys[i]}":${jsonValue(v)}`;
  }
  return `${out}}`;
}

function jsonValue(v: unknown): string {
  return v === null || v === undefined
    ? 'null'
    : typeof v === 'string'
      ? JSON.stringify(v)
      : String(v);
}

/**
 * What the event says, independent of when or by whom it was recorded: two imports of the
 * same row give the same fingerprint, so the ledger records it once.
 */
export function fingerprintConsentEvent(phone: string, input: ConsentEventInput): string {
  const text = canonical(input as unknown as Record<string, unknown>, contentKeys);
  return sha256(`${phone}\n${text}`);
}

/** What each event has of its own; the rest of its content is the evidence a file shares. */
export type OwnConsentFields = Pick<ConsentEventInput, 'collectedAt' | 'ip' | 'userAgent'>;
const ownKeys: ReadonlySet<string> = new Set<keyof OwnConsentFields>([
  'collectedAt',
  'ip',
  'userAgent',
]);

/**
 * `fingerprintConsentEvent` for many events sharing one evidence (an import's file-wide
 * wording, form, source…): the canonical text around the per-event values is built once.
 * Gives exactly the same fingerprint (tested).
 */
export function fingerprinterFor(
  evidence: Omit<ConsentEventInput, keyof OwnConsentFields>,
): (phone: string, own: OwnConsentFields) => string {
  const pieces: string[] = [];
  const own: Array<keyof OwnConsentFields> = [];
  let text = '{';
  contentKeys.forEach((key, i) => {
    text += `${i === 0 ? '' : ','}"${key}":`;
    if (ownKeys.has(key)) {
      pieces.push(text);
      own.push(key as keyof OwnConsentFields);
      text = '';
    } else text += jsonValue((evidence as Record<string, unknown>)[key]);
  });
  pieces.push(`${text}}`);
  return (phone, values) => {
    let out = `${phone}\n${pieces[0]}`;
    for (let i = 0; i < own.length; i++) out += jsonValue(values[own[i]!]) + pieces[i + 1];
    return sha256(out);
  };
}

/**
 * sha256 chaining the event to the previous one: over prev_hash, the fingerprint (itself a
 * sha256 of the whole content and the number) and the recording fields.
 */
export function hashConsentEvent(event: Omit<ConsentEvent, 'hash'>): string {
  return chainHash(
    event.prevHash,
    event.fingerprint,
    event.workspaceId,
    event.phone,
    event.seq,
    event.origin,
    event.recordedAt,
  );
}

/** `hashConsentEvent` from its seven inputs, without building an event (bulk import). */
export function chainHash(
  prevHash: string,
  fingerprint: string,
  workspaceId: string,
  phone: string,
  seq: number,
  origin: string,
  recordedAt: string,
): string {
  return sha256(
    JSON.stringify([prevHash, fingerprint, workspaceId, phone, String(seq), origin, recordedAt]),
  );
}

/**
 * `chainHash` of the first event of a chain for many numbers of one import (same workspace,
 * origin and recording time): the JSON text around the fingerprint and the number is built
 * once. The fingerprint is hex and the number E.164, so neither needs escaping. Same result
 * (tested).
 */
export function firstChainHasher(
  workspaceId: string,
  origin: string,
  recordedAt: string,
): (fingerprint: string, phone: string) => string {
  const head = `["${genesisHash}","`;
  const tail = `","1",${JSON.stringify(origin)},${JSON.stringify(recordedAt)}]`;
  const middle = `",${JSON.stringify(workspaceId)},"`;
  return (fingerprint, phone) => sha256(head + fingerprint + middle + phone + tail);
}
