import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseNumber } from '../phone/parse-number.ts';
import { isSendable } from './is-sendable.ts';
import { nextSendableAt } from './next-sendable-at.ts';
import type { Recipient } from './recipient.ts';
import { windowIntervals } from './window-intervals.ts';

const hour = 3_600_000;
const recipients: Recipient[] = [
  { number: parseNumber('0612345678') },
  { number: parseNumber('0612345678'), department: '75' },
  { number: parseNumber('+590690001234') },
  { number: parseNumber('+590690001234'), territory: 'MF' },
  { number: parseNumber('+596696201234') },
  { number: parseNumber('+594694201234') },
  { number: parseNumber('+262692123456') },
  { number: parseNumber('+262639201234') },
  { number: parseNumber('+508551234') },
  { number: parseNumber('+681721234') },
  { number: parseNumber('+687751234') },
  { number: parseNumber('+68987123456') },
];
const policies = [
  undefined,
  'charter',
  'custom:09:00-19:00,mon-fri',
  'custom:10:00-21:00,sat-sun,holidays',
];
const recipient = fc.constantFrom(...recipients);
const policy = fc.constantFrom(...policies);
// 2026-2028 to the second, DST days included.
const instant = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2029, 0, 1) })
  .map((t) => t - (t % 1000));

test('nextSendableAt is sendable and never earlier than its input (property)', () => {
  fc.assert(
    fc.property(recipient, instant, policy, (r, t, p) => {
      const next = nextSendableAt(r, t, p);
      assert.notEqual(next, null);
      assert.ok((next as number) >= t);
      assert.equal(isSendable(r, next as number, p).allowed, true);
      // Nothing between the input and the answer is sendable (sampled).
      if ((next as number) > t) {
        const mid = t + Math.floor(((next as number) - t) / 2);
        assert.equal(isSendable(r, mid, p).allowed, false);
        assert.equal(isSendable(r, (next as number) - 1000, p).allowed, false);
      }
    }),
    { numRuns: 1500 },
  );
});

test('an instant is inside a returned interval if and only if it is sendable (property)', () => {
  fc.assert(
    fc.property(
      recipient,
      instant,
      fc.integer({ min: 1, max: 10 * 24 }),
      policy,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 20 }),
      (r, from, hours, p, fractions) => {
        const to = from + hours * hour;
        const intervals = windowIntervals(r, from, to, p);
        for (const [i, { start, end }] of intervals.entries()) {
          assert.ok(start >= from && end <= to && start < end);
          if (i > 0) assert.ok(start > (intervals[i - 1]?.end ?? 0));
          assert.equal(isSendable(r, start, p).allowed, true);
          assert.equal(isSendable(r, end - 1, p).allowed, true);
        }
        for (const f of fractions) {
          const t = from + Math.floor(f * (to - from));
          if (t >= to) continue;
          const inside = intervals.some((iv) => t >= iv.start && t < iv.end);
          assert.equal(isSendable(r, t, p).allowed, inside, new Date(t).toISOString());
        }
      },
    ),
    { numRuns: 800 },
  );
});
