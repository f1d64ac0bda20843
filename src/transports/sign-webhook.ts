import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook request, both ways (Texto -> provider, provider -> Texto). */
export const webhookHeaders = {
  timestamp: 'x-texto-timestamp',
  signature: 'x-texto-signature',
} as const;

/** `v1=` + hex HMAC-SHA256 of `${timestamp}.${body}` (timestamp in Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Checks a signature and that the timestamp is within `toleranceSeconds` of `nowSeconds`
 * (replays of old requests are refused). Constant-time comparison.
 */
export function verifyWebhook(
  secret: string,
  header: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'bad_signature' } {
  if (!header.timestamp || !header.signature) return { ok: false, reason: 'missing' };
  const timestamp = Number(header.timestamp);
  if (!Number.isInteger(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(header.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}
