import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShareLimiter } from './create-share-limiter.ts';

/** Sends as fast as the limiter allows on a simulated clock; returns the send instants. */
function drive(shares: (t: number) => number, until: number): number[] {
  const limit = createShareLimiter();
  const sent: number[] = [];
  for (let t = 0; t < until; ) {
    const wait = limit(t, shares(t));
    if (wait === 0) sent.push(t);
    else t += wait;
  }
  return sent;
}

function worstSecond(sent: readonly number[]): number {
  let worst = 0;
  for (let i = 0, j = 0; i < sent.length; i++) {
    while (sent[i]! - sent[j]! >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}

test('share limiter: never more than the share in any second, at least 90 % used', () => {
  for (const share of [1, 7, 30, 100, 1000]) {
    const sent = drive(() => share, 10_000);
    assert.ok(worstSecond(sent) <= share, `share ${share}: ${worstSecond(sent)}`);
    assert.ok(sent.length >= share * 9 * 0.9, `share ${share}: ${sent.length} in 10 s`);
  }
});

test('share limiter: when the share halves, the last second’s sends count against it', () => {
  const sent = drive((t) => (t < 3000 ? 40 : 20), 8000);
  const after = sent.filter((t) => t >= 3000);
  // Any second that starts after the change holds at most the new share.
  let worst = 0;
  for (let i = 0, j = 0; i < after.length; i++) {
    while (after[i]! - after[j]! >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  assert.ok(worst <= 20, `${worst}`);
  const straddling = sent.filter((t) => t >= 2500 && t < 3500).length;
  assert.ok(straddling <= 40, `${straddling}`);
});
