import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLocalHours } from './read-local-hours.ts';

test('local interval bounds become hours of that local day', () => {
  const cases: Array<[string, string, [number, number]]> = [
    ['2026-11-30T08:00:00+01:00', '2026-11-30T20:00:00+01:00', [8, 20]],
    ['2026-11-30T11:30:00-04:00', '2026-12-01T00:00:00-04:00', [11.5, 24]],
    ['2026-11-29T22:00:00+04:00', '2026-11-30T01:15:00+04:00', [0, 1.25]],
  ];
  for (const [start, end, expected] of cases) {
    assert.deepEqual(readLocalHours(start, end, '2026-11-30'), expected, start);
  }
});
