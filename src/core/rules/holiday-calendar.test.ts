import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frenchRulePack } from './fr.ts';
import { findHolidayCalendar } from './holiday-calendar.ts';
import { computeEaster, listZoneHolidays } from './holiday-source.ts';

const day = 86_400_000;

/** rules.md HOL-08, verbatim (MM-DD), per zone and year. */
const hol08: Record<string, Record<number, string>> = {
  FR: {
    2026: '01-01, 04-06, 05-01, 05-08, 05-14, 05-25, 07-14, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 05-01, 05-06, 05-08, 05-17, 07-14, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 05-01, 05-08, 05-25, 06-05, 07-14, 08-15, 11-01, 11-11, 12-25',
  },
  'FR-AM': {
    2026: '01-01, 04-03, 04-06, 05-01, 05-08, 05-14, 05-25, 07-14, 08-15, 11-01, 11-11, 12-25, 12-26',
    2027: '01-01, 03-26, 03-29, 05-01, 05-06, 05-08, 05-17, 07-14, 08-15, 11-01, 11-11, 12-25, 12-26',
    2028: '01-01, 04-14, 04-17, 05-01, 05-08, 05-25, 06-05, 07-14, 08-15, 11-01, 11-11, 12-25, 12-26',
  },
  GP: {
    2026: '01-01, 03-12, 04-03, 04-06, 05-01, 05-08, 05-14, 05-25, 05-27, 07-14, 07-21, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-04, 03-26, 03-29, 05-01, 05-06, 05-08, 05-17, 05-27, 07-14, 07-21, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 03-23, 04-14, 04-17, 05-01, 05-08, 05-25, 05-27, 06-05, 07-14, 07-21, 08-15, 11-01, 11-11, 12-25',
  },
  MQ: {
    2026: '01-01, 04-03, 04-06, 05-01, 05-08, 05-14, 05-22, 05-25, 07-14, 07-21, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-26, 03-29, 05-01, 05-06, 05-08, 05-17, 05-22, 07-14, 07-21, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 04-14, 04-17, 05-01, 05-08, 05-22, 05-25, 06-05, 07-14, 07-21, 08-15, 11-01, 11-11, 12-25',
  },
  GF: {
    2026: '01-01, 04-06, 05-01, 05-08, 05-14, 05-25, 06-10, 07-14, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 05-01, 05-06, 05-08, 05-17, 06-10, 07-14, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 05-01, 05-08, 05-25, 06-05, 06-10, 07-14, 08-15, 11-01, 11-11, 12-25',
  },
  RE: {
    2026: '01-01, 04-06, 05-01, 05-08, 05-14, 05-25, 07-14, 08-15, 11-01, 11-11, 12-20, 12-25',
    2027: '01-01, 03-29, 05-01, 05-06, 05-08, 05-17, 07-14, 08-15, 11-01, 11-11, 12-20, 12-25',
    2028: '01-01, 04-17, 05-01, 05-08, 05-25, 06-05, 07-14, 08-15, 11-01, 11-11, 12-20, 12-25',
  },
  YT: {
    2026: '01-01, 04-06, 04-27, 05-01, 05-08, 05-14, 05-25, 07-14, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 04-27, 05-01, 05-06, 05-08, 05-17, 07-14, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 04-27, 05-01, 05-08, 05-25, 06-05, 07-14, 08-15, 11-01, 11-11, 12-25',
  },
  BL: {
    2026: '01-01, 04-06, 05-01, 05-08, 05-14, 05-25, 07-14, 08-15, 10-09, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 05-01, 05-06, 05-08, 05-17, 07-14, 08-15, 10-09, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 05-01, 05-08, 05-25, 06-05, 07-14, 08-15, 10-09, 11-01, 11-11, 12-25',
  },
  MF: {
    2026: '01-01, 04-06, 05-01, 05-08, 05-14, 05-25, 05-27, 05-28, 07-14, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 05-01, 05-06, 05-08, 05-17, 05-27, 05-28, 07-14, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 05-01, 05-08, 05-25, 05-27, 05-28, 06-05, 07-14, 08-15, 11-01, 11-11, 12-25',
  },
  'GP+BL+MF': {
    2026: '01-01, 03-12, 04-03, 04-06, 05-01, 05-08, 05-14, 05-25, 05-27, 05-28, 07-14, 07-21, 08-15, 10-09, 11-01, 11-11, 12-25',
    2027: '01-01, 03-04, 03-26, 03-29, 05-01, 05-06, 05-08, 05-17, 05-27, 05-28, 07-14, 07-21, 08-15, 10-09, 11-01, 11-11, 12-25',
    2028: '01-01, 03-23, 04-14, 04-17, 05-01, 05-08, 05-25, 05-27, 05-28, 06-05, 07-14, 07-21, 08-15, 10-09, 11-01, 11-11, 12-25',
  },
  PM: {
    2026: '01-01, 04-06, 05-01, 05-08, 05-14, 05-25, 07-14, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 05-01, 05-06, 05-08, 05-17, 07-14, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 05-01, 05-08, 05-25, 06-05, 07-14, 08-15, 11-01, 11-11, 12-25',
  },
  NC: {
    2026: '01-01, 04-06, 05-01, 05-08, 05-14, 05-25, 07-14, 08-15, 09-24, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 05-01, 05-06, 05-08, 05-17, 07-14, 08-15, 09-24, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 05-01, 05-08, 05-25, 06-05, 07-14, 08-15, 09-24, 11-01, 11-11, 12-25',
  },
  PF: {
    2026: '01-01, 03-05, 04-03, 04-06, 05-01, 05-08, 05-14, 05-25, 06-29, 07-14, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-05, 03-26, 03-29, 05-01, 05-06, 05-08, 05-17, 06-29, 07-14, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 03-05, 04-14, 04-17, 05-01, 05-08, 05-25, 06-05, 06-29, 07-14, 08-15, 11-01, 11-11, 12-25',
  },
  WF: {
    2026: '01-01, 04-06, 04-28, 05-01, 05-08, 05-14, 05-25, 07-14, 07-29, 08-15, 11-01, 11-11, 12-25',
    2027: '01-01, 03-29, 04-28, 05-01, 05-06, 05-08, 05-17, 07-14, 07-29, 08-15, 11-01, 11-11, 12-25',
    2028: '01-01, 04-17, 04-28, 05-01, 05-08, 05-25, 06-05, 07-14, 07-29, 08-15, 11-01, 11-11, 12-25',
  },
};

/**
 * Public holidays date-holidays knows and HOL-08 does not list. Kept (blocking a real holiday
 * is safe): WF Saint Pierre et Paul (29 Jun), PF Matari'i (20 Nov, public since 2024).
 * See docs/decisions/windows.md.
 */
const libraryExtras: Record<string, string[]> = { WF: ['06-29'], PF: ['11-20'], 'GP+BL+MF': [] };

function blockedDays(zones: string[], year: number): string[] {
  const calendar = findHolidayCalendar(frenchRulePack, zones);
  const days: string[] = [];
  for (let d = Date.UTC(year, 0, 1) / day; d < Date.UTC(year + 1, 0, 1) / day; d++) {
    if (calendar.nameOn(d) !== undefined) days.push(new Date(d * day).toISOString().slice(5, 10));
  }
  return days;
}

test('every zone blocks exactly HOL-08 for 2026-2028 (plus the documented library extras)', () => {
  for (const [zone, years] of Object.entries(hol08)) {
    for (const [year, list] of Object.entries(years)) {
      const expected = [...list.split(', '), ...(libraryExtras[zone] ?? [])].sort();
      const zones = zone.split('+');
      assert.deepEqual(blockedDays(zones, Number(year)), expected, `${zone} ${year}`);
    }
  }
});

test('what date-holidays lacks is added by the pack (HOL-03..05, checked against HOL-07)', () => {
  // Raw library output (public days only) for 2026: these are the days the pack adds.
  const lacking: Array<[string, string[]]> = [
    ['GP', ['2026-03-12', '2026-07-21']], // Mi-Carême (customary), Schœlcher (library: optional)
    ['MQ', ['2026-07-21']],
    ['MF', ['2026-05-28']], // Saint-Martin: 27 AND 28 May
    ['PF', ['2026-06-29']], // Fête de l'autonomie
  ];
  for (const [zone, days] of lacking) {
    const source = frenchRulePack.holidayZones[zone];
    assert.ok(source, zone);
    const raw = new Set(listZoneHolidays({ ...source, extras: [] }, 2026).map((h) => h.date));
    const full = new Set(listZoneHolidays(source, 2026).map((h) => h.date));
    for (const d of days) {
      assert.equal(raw.has(d), false, `${zone} ${d} missing from date-holidays`);
      assert.equal(full.has(d), true, `${zone} ${d} added by the pack`);
    }
  }
});

test('Easter-based holidays follow the computus for ten years (HOL-02)', () => {
  const easter: Record<number, string> = {
    2026: '2026-04-05',
    2027: '2027-03-28',
    2028: '2028-04-16',
    2029: '2029-04-01',
    2030: '2030-04-21',
    2031: '2031-04-13',
    2032: '2032-03-28',
    2033: '2033-04-17',
    2034: '2034-04-09',
    2035: '2035-03-25',
  };
  const am = findHolidayCalendar(frenchRulePack, ['FR-AM']);
  const gp = findHolidayCalendar(frenchRulePack, ['GP']);
  for (const [year, date] of Object.entries(easter)) {
    assert.equal(computeEaster(Number(year)), date);
    const e = Date.parse(`${date}T00:00:00Z`) / day;
    assert.equal(am.nameOn(e), undefined, `Easter Sunday itself is not listed ${year}`);
    for (const [offset, label] of [
      [-2, 'Good Friday'],
      [1, 'Easter Monday'],
      [39, 'Ascension'],
      [50, 'Whit Monday'],
    ] as const) {
      assert.notEqual(am.nameOn(e + offset), undefined, `${label} ${year}`);
    }
    assert.equal(gp.nameOn(e - 24), 'Mi-Carême', `Mi-Carême ${year}`);
  }
});

test('union calendars name each holiday once and join different names', () => {
  const union = findHolidayCalendar(frenchRulePack, ['GP', 'BL', 'MF']);
  assert.equal(union.nameOn(Date.UTC(2026, 4, 27) / day), 'Abolition de l’esclavage');
  assert.equal(union.nameOn(Date.UTC(2026, 9, 9) / day), 'Abolition de l’esclavage');
  assert.equal(union.nameOn(Date.UTC(2026, 4, 26) / day), undefined);
  assert.throws(() => findHolidayCalendar(frenchRulePack, ['XX']), /no holiday zone 'XX'/);
});
