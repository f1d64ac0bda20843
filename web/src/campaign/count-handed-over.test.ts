import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countHandedOver } from './count-handed-over.ts';

test('the funnel counts every message handed over, whatever its receipt said', () => {
  assert.deepEqual(
    countHandedOver({ planned: 3, delivered: 189, undeliverable: 10, expired: 1, failed: 2 }),
    { handedOver: 200, delivered: 189 },
  );
  assert.deepEqual(countHandedOver({}), { handedOver: 0, delivered: 0 });
});
