import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exceedsOptOutGuard, optOutPercent } from './opt-out-guard.ts';

const guard = { percent: 5, minimumSent: 200 };

test('FR-SND-04: the guard trips at the threshold, not below it or before enough was sent', () => {
  assert.equal(exceedsOptOutGuard({ optOuts: 10, sent: 200 }, guard), true);
  assert.equal(exceedsOptOutGuard({ optOuts: 9, sent: 200 }, guard), false);
  assert.equal(exceedsOptOutGuard({ optOuts: 50, sent: 199 }, guard), false);
  assert.equal(exceedsOptOutGuard({ optOuts: 5000, sent: 100_000 }, guard), true);
  assert.equal(exceedsOptOutGuard({ optOuts: 4999, sent: 100_000 }, guard), false);
  // 0 turns the guard off.
  assert.equal(exceedsOptOutGuard({ optOuts: 200, sent: 200 }, { ...guard, percent: 0 }), false);
});

test('the opt-out rate is in percent with one decimal, null before any message', () => {
  assert.equal(optOutPercent({ optOuts: 1, sent: 3 }), 33.3);
  assert.equal(optOutPercent({ optOuts: 12, sent: 200 }), 6);
  assert.equal(optOutPercent({ optOuts: 0, sent: 0 }), null);
});
