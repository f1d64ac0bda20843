import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumber } from '../phone/parse-number.ts';
import { bestSlotIntervals } from './best-slot-intervals.ts';
import { isSendable } from './is-sendable.ts';

const iso = (ms: number) => new Date(ms).toISOString();

test('best slots are advice inside the allowed window, per local zone (FR-TIME-01 ADVICE)', () => {
  const cases: Array<[string, string, string, string, string | undefined, string[]]> = [
    // Réunion (+04:00), Friday then Saturday; Sunday skipped under the brief.
    [
      '+262692123456',
      '974',
      '2026-06-19T00:00:00+04:00',
      '2026-06-22T00:00:00+04:00',
      undefined,
      [
        '2026-06-19T07:00:00.000Z/2026-06-19T08:30:00.000Z',
        '2026-06-19T14:00:00.000Z/2026-06-19T15:30:00.000Z',
        '2026-06-20T07:00:00.000Z/2026-06-20T08:30:00.000Z',
        '2026-06-20T14:00:00.000Z/2026-06-20T15:30:00.000Z',
      ],
    ],
    // A custom policy ending at 19:00 clips the evening slot.
    [
      '0612345678',
      '75',
      '2026-06-17T00:00:00+02:00',
      '2026-06-18T00:00:00+02:00',
      'custom:09:00-19:00',
      [
        '2026-06-17T09:00:00.000Z/2026-06-17T10:30:00.000Z',
        '2026-06-17T16:00:00.000Z/2026-06-17T17:00:00.000Z',
      ],
    ],
  ];
  for (const [number, department, from, to, policy, expected] of cases) {
    const recipient = { number: parseNumber(number), department };
    const slots = bestSlotIntervals(recipient, Date.parse(from), Date.parse(to), policy);
    assert.deepEqual(
      slots.map((s) => `${iso(s.start)}/${iso(s.end)}`),
      expected,
      number,
    );
    for (const s of slots) {
      const v = isSendable(recipient, s.start, policy);
      assert.equal(v.allowed, true);
      assert.equal(v.warnings.includes('outside-best-slots'), false);
    }
  }
  assert.deepEqual(bestSlotIntervals({ number: parseNumber('+12025550143') }, 0, 1e12), []);
});
