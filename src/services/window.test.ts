import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCalendar, checkWindow, parseDate, parseInstant } from './window.ts';

test('instants need an explicit offset and a real date', () => {
  const ok: Array<[string, string]> = [
    ['2026-03-28T19:59:59+01:00', '2026-03-28T18:59:59.000Z'],
    ['2026-03-28T19:59:59+0100', '2026-03-28T18:59:59.000Z'],
    ['2026-03-28T18:59Z', '2026-03-28T18:59:00.000Z'],
    ['2026-03-28T18:59:59.250z', '2026-03-28T18:59:59.250Z'],
    ['2028-02-29T12:00:00-09:30', '2028-02-29T21:30:00.000Z'],
  ];
  for (const [input, utc] of ok)
    assert.equal(new Date(parseInstant(input, 'at')).toISOString(), utc, input);
  for (const bad of [
    '2026-03-28T19:59:59',
    '2026-03-28',
    '2027-02-29T12:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-13-01T12:00:00Z',
    '2026-03-28T24:00:00Z',
    '2026-03-28T12:00:00+15:00',
    'tomorrow',
  ]) {
    assert.throws(() => parseInstant(bad, 'at'), /at: /, bad);
  }
  assert.equal(parseDate('2028-02-29', 'from'), '2028-02-29');
  assert.throws(() => parseDate('2026-02-29', 'from'), /not a real date/);
});

test('checkWindow maps the verdict to ISO strings; SMPP validity is windowEndsAt', () => {
  const r = checkWindow({ to: '+596 696 20 12 34', at: '2026-06-17T19:00:00-04:00' });
  assert.deepEqual(
    [r.allowed, r.to, r.localTime, r.windowEndsAt, r.policy],
    [true, '+596696201234', '2026-06-17T19:00:00-04:00', '2026-06-18T00:00:00.000Z', 'brief'],
  );
  assert.throws(
    () => checkWindow({ to: '0612345678', at: '2026-06-17T19:00:00Z', extra: 1 }),
    /unknown field/,
  );
  assert.throws(() => checkWindow({ at: '2026-06-17T19:00:00Z' }), /to: is required/);
});

test('calendar days follow the recipient local dates across DST (Paris, 2026-10-25)', () => {
  const c = buildCalendar({
    to: '0612345678',
    department: '75',
    from: '2026-10-24',
    toDate: '2026-10-26',
    policy: 'charter',
  });
  assert.deepEqual(
    c.days.map((d) => d.intervals.map((i) => `${i.start}/${i.end}`)),
    [
      ['2026-10-24T06:00:00.000Z/2026-10-24T19:30:00.000Z'],
      ['2026-10-25T07:00:00.000Z/2026-10-25T20:30:00.000Z'],
      ['2026-10-26T07:00:00.000Z/2026-10-26T20:30:00.000Z'],
    ],
  );
  assert.deepEqual(
    c.days.map((d) => d.reason),
    ['ok', 'ok', 'ok'],
  );
});
