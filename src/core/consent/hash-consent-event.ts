import { createHash } from 'node:crypto';
import type { ConsentEvent, ConsentEventInput } from './consent-event.ts';

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
    out += `${i === 0 ? '' : ','}"${keys[i]}":`;
    out +=
      v === null || v === undefined
        ? 'null'
        : typeof v === 'string'
          ? JSON.stringify(v)
          : String(v);
  }
  return `${out}}`;
}

/**
 * What the event says, independent of when or by whom it was recorded: two imports of the
 * same row give the same fingerprint, so the ledger records it once.
 */
export function fingerprintConsentEvent(phone: string, input: ConsentEventInput): string {
  const text = canonical(input as unknown as Record<string, unknown>, contentKeys);
  return createHash('sha256').update(`${phone}\n${text}`).digest('hex');
}

/**
 * sha256 chaining the event to the previous one: over prev_hash, the fingerprint (itself a
 * sha256 of the whole content and the number) and the recording fields.
 */
export function hashConsentEvent(event: Omit<ConsentEvent, 'hash'>): string {
  const recording = [
    event.prevHash,
    event.fingerprint,
    event.workspaceId,
    event.phone,
    String(event.seq),
    event.origin,
    event.recordedAt,
  ];
  return createHash('sha256').update(JSON.stringify(recording)).digest('hex');
}
