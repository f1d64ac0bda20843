import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settleMessage } from './settle-message.ts';

test('settleMessage: delivered when every part is, undeliverable or expired as soon as one is', () => {
  const cases: ReadonlyArray<[string[], number, ReturnType<typeof settleMessage>]> = [
    [['delivered'], 1, 'delivered'],
    [['delivered', 'delivered'], 2, 'delivered'],
    [['delivered'], 2, null],
    [['delivered', 'enroute'], 2, null],
    [['accepted'], 1, null],
    [['unknown'], 1, null],
    [['delivered', 'undeliverable'], 2, 'undeliverable'],
    [['rejected'], 1, 'undeliverable'],
    [['deleted', 'delivered'], 2, 'undeliverable'],
    [['expired', 'delivered'], 2, 'expired'],
    [['expired', 'undeliverable'], 2, 'undeliverable'],
  ];
  for (const [statuses, parts, expected] of cases) {
    assert.equal(settleMessage(statuses, parts), expected, statuses.join(','));
  }
});
