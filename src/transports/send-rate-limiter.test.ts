import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSendRateLimiter, createTpsLimiter } from './send-rate-limiter.ts';

/** Sends as fast as allowed on a simulated clock; returns the send instants. */
function simulate(next: (now: number) => number, count: number): number[] {
  const sent: number[] = [];
  let now = 0;
  while (sent.length < count) {
    const wait = next(now);
    if (wait === 0) sent.push(now);
    else now += wait;
  }
  return sent;
}

function worstInWindow(instants: readonly number[], windowMs: number): number {
  let worst = 0;
  for (let i = 0, j = 0; i < instants.length; i += 1) {
    while (instants[i]! - instants[j]! >= windowMs) j += 1;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}

test('sliding window: never more than `limit` in any window, and the limit is reached', () => {
  for (const [limit, windowMs] of [
    [1, 1000],
    [7, 1000],
    [100, 1000],
    [3, 50],
  ] as const) {
    const limiter = createSendRateLimiter(limit, windowMs);
    const sent = simulate((now) => {
      const wait = limiter.waitAt(now);
      if (wait === 0) limiter.take(now);
      return wait;
    }, limit * 5);
    assert.equal(worstInWindow(sent, windowMs), limit, `${limit}/${windowMs}`);
    assert.equal(sent.at(-1), windowMs * 4, 'full speed: the 5th window starts on time');
  }
});

test('tps limiter: at most tps in any second and tps/10 in any 100 ms', () => {
  for (const tps of [1, 5, 10, 30, 100, 1000]) {
    const sent = simulate(createTpsLimiter(tps), tps * 4);
    assert.ok(worstInWindow(sent, 1000) <= tps, `tps ${tps}`);
    assert.ok(worstInWindow(sent, 100) <= Math.ceil(tps / 10), `tps ${tps} per 100 ms`);
    const rate = (sent.length - 1) / (sent.at(-1)! / 1000);
    assert.ok(rate > tps * 0.9, `tps ${tps}: reached ${rate.toFixed(1)}/s`);
  }
});

test('a limit below 1 is a bug', () => {
  assert.throws(() => createSendRateLimiter(0, 1000), RangeError);
});
