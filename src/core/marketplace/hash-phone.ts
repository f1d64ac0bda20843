import { createHmac } from 'node:crypto';

/**
 * The dedup key of a number: HMAC-SHA256 of its E.164 form under a salt drawn by the platform
 * for one quote or order and discarded afterwards, truncated to 128 bits (as a 16-character
 * latin1 string: compact in a Set, about twice as fast as base64). Keys of two quotes cannot
 * be linked, and a key reveals nothing without the salt, which neither the provider nor the
 * advertiser ever sees (docs/decisions/marketplace.md, threat model).
 */
export function hashPhone(salt: Uint8Array, phone: string): string {
  return createHmac('sha256', salt).update(phone).digest().toString('latin1', 0, 16);
}
