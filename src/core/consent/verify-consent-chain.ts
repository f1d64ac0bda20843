import type { ConsentEvent } from './consent-event.ts';
import { fingerprintConsentEvent, genesisHash, hashConsentEvent } from './hash-consent-event.ts';

export type ChainCheck =
  | { readonly valid: true }
  | {
      readonly valid: false;
      readonly seq: number;
      readonly reason: 'hash_mismatch' | 'broken_link' | 'seq_gap' | 'fingerprint_mismatch';
    };

/** Recomputes a contact's chain in seq order: any edited, removed or reordered event shows. */
export function verifyConsentChain(events: readonly ConsentEvent[]): ChainCheck {
  let prev = genesisHash;
  let expectedSeq = 1;
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    if (event.seq !== expectedSeq) return { valid: false, seq: event.seq, reason: 'seq_gap' };
    if (event.prevHash !== prev) return { valid: false, seq: event.seq, reason: 'broken_link' };
    if (fingerprintConsentEvent(event.phone, event) !== event.fingerprint) {
      return { valid: false, seq: event.seq, reason: 'fingerprint_mismatch' };
    }
    const { hash, ...rest } = event;
    if (hashConsentEvent(rest) !== hash) {
      return { valid: false, seq: event.seq, reason: 'hash_mismatch' };
    }
    prev = hash;
    expectedSeq += 1;
  }
  return { valid: true };
}
