import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Interval, intersectIntervals } from './intersect-intervals.ts';

const i = (start: number, end: number): Interval => ({ start, end });

const cases: Array<[string, Interval[], Interval[], Interval[]]> = [
  ['disjoint', [i(0, 10)], [i(10, 20)], []],
  ['overlap', [i(0, 10)], [i(5, 20)], [i(5, 10)]],
  ['inside', [i(0, 100)], [i(10, 20), i(30, 40)], [i(10, 20), i(30, 40)]],
  [
    'several on both sides',
    [i(0, 15), i(20, 35)],
    [i(10, 25), i(30, 40)],
    [i(10, 15), i(20, 25), i(30, 35)],
  ],
  ['empty side', [], [i(0, 10)], []],
];

for (const [title, a, b, expected] of cases) {
  test(`intersectIntervals: ${title}`, () => {
    assert.deepEqual(intersectIntervals(a, b), expected);
    assert.deepEqual(intersectIntervals(b, a), expected);
  });
}
