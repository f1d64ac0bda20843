/**
 * In-memory token buckets keyed by a string (an IP, an email, a key id). Each key holds up to
 * `capacity` tokens and regains `refillPerSecond`; a request takes one. State lives in this
 * process only: several API instances behind a load balancer each count on their own, so a
 * multi-instance deployment needs a shared store (e.g. PostgreSQL or Redis) to enforce the
 * same limits globally.
 */
export interface BucketSpec {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string, nowMs: number): Take;
}

const maxKeys = 50_000;

export function createRateLimiter(spec: BucketSpec): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (b: { tokens: number; at: number }, nowMs: number) =>
    Math.min(spec.capacity, b.tokens + ((nowMs - b.at) / 1000) * spec.refillPerSecond);
  return {
    take(key, nowMs) {
      if (buckets.size >= maxKeys) {
        for (const [k, b] of buckets) if (level(b, nowMs) >= spec.capacity) buckets.delete(k);
      }
      const bucket = buckets.get(key);
      const tokens = bucket ? level(bucket, nowMs) : spec.capacity;
      if (tokens < 1) {
        buckets.set(key, { tokens, at: nowMs });
        return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / spec.refillPerSecond) };
      }
      buckets.set(key, { tokens: tokens - 1, at: nowMs });
      return { ok: true };
    },
  };
}
