import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findZoneClock } from './zone-clock.ts';

const at = (iso: string) => Date.parse(iso);

test('offsets change at the exact DST instants (HOL-05b)', () => {
  const cases: Array<[string, string, number]> = [
    // Europe/Paris, EU DST: last Sundays of March and October at 01:00 UTC.
    ['Europe/Paris', '2026-03-29T00:59:59Z', 60],
    ['Europe/Paris', '2026-03-29T01:00:00Z', 120],
    ['Europe/Paris', '2026-10-25T00:59:59Z', 120],
    ['Europe/Paris', '2026-10-25T01:00:00Z', 60],
    // America/Miquelon, North-American DST: 2nd Sunday of March, 1st of November, 02:00 local.
    ['America/Miquelon', '2026-03-08T04:59:59Z', -180],
    ['America/Miquelon', '2026-03-08T05:00:00Z', -120],
    ['America/Miquelon', '2026-11-01T03:59:59Z', -120],
    ['America/Miquelon', '2026-11-01T04:00:00Z', -180],
    ['America/Miquelon', '2027-03-14T05:00:00Z', -120],
    // No DST anywhere else.
    ['Indian/Reunion', '2026-07-01T00:00:00Z', 240],
    ['Indian/Mayotte', '2026-01-01T00:00:00Z', 180],
    ['America/Guadeloupe', '2026-07-01T00:00:00Z', -240],
    ['America/Cayenne', '2026-07-01T00:00:00Z', -180],
    ['Pacific/Tahiti', '2026-07-01T00:00:00Z', -600],
    ['Pacific/Marquesas', '2026-07-01T00:00:00Z', -570],
    ['Pacific/Gambier', '2026-07-01T00:00:00Z', -540],
    ['Pacific/Noumea', '2026-07-01T00:00:00Z', 660],
    ['Pacific/Wallis', '2026-07-01T00:00:00Z', 720],
  ];
  for (const [zone, iso, minutes] of cases) {
    assert.equal(findZoneClock(zone).offsetAt(at(iso)), minutes, `${zone} ${iso}`);
  }
});

test('local to UTC round-trips, and a skipped local time maps forward', () => {
  const paris = findZoneClock('Europe/Paris');
  const local = (iso: string) => Date.parse(`${iso}Z`);
  assert.equal(paris.toUtc(local('2026-03-29T08:00:00')), at('2026-03-29T06:00:00Z'));
  assert.equal(paris.toUtc(local('2026-03-28T08:00:00')), at('2026-03-28T07:00:00Z'));
  assert.equal(paris.toUtc(local('2026-10-25T20:00:00')), at('2026-10-25T19:00:00Z'));
  assert.equal(paris.toUtc(local('2026-03-29T02:30:00')), at('2026-03-29T01:30:00Z'));
  assert.throws(() => findZoneClock('Mars/Olympus'), /unknown time zone/);
});

test('cached offsets equal Intl.DateTimeFormat at any instant 2000-2040 (property)', () => {
  const zones = ['Europe/Paris', 'America/Miquelon', 'Pacific/Marquesas', 'Indian/Reunion'];
  const formats = zones.map(
    (z) => new Intl.DateTimeFormat('en-US', { timeZone: z, timeZoneName: 'longOffset' }),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: zones.length - 1 }),
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
      (i, t) => {
        const text = formats[i]?.format(t) ?? '';
        const m = /GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(text);
        const expected = m?.[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
        assert.equal(findZoneClock(zones[i] as string).offsetAt(t), expected);
      },
    ),
    { numRuns: 2000 },
  );
});
