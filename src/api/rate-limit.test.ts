import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRateLimiter } from './rate-limit.ts';

test('token bucket: burst of capacity, then refill at the rate, keys independent', () => {
  const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 0.5 });
  const t0 = 1_000_000;
  for (let i = 0; i < 3; i += 1) assert.deepEqual(limiter.take('a', t0), { ok: true });
  assert.deepEqual(limiter.take('a', t0), { ok: false, retryAfterSeconds: 2 });
  assert.deepEqual(limiter.take('b', t0), { ok: true });
  assert.deepEqual(limiter.take('a', t0 + 1000), { ok: false, retryAfterSeconds: 1 });
  assert.deepEqual(limiter.take('a', t0 + 2000), { ok: true });
  assert.equal(limiter.take('a', t0 + 2000).ok, false);
  // A long pause refills to capacity, never beyond.
  for (let i = 0; i < 3; i += 1) assert.equal(limiter.take('a', t0 + 600_000).ok, true);
  assert.equal(limiter.take('a', t0 + 600_000).ok, false);
});
