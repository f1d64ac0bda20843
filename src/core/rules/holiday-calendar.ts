import { listZoneHolidays } from './holiday-source.ts';
import type { RulePack } from './rule-pack.ts';
import { indexOfYear } from './zone-clock.ts';

const day = 86_400_000;

/** Public holidays of a set of holiday zones (their union), asked by local day number. */
export interface HolidayCalendar {
  readonly key: string;
  /** Holiday name on a local day (days since 1970-01-01), undefined on a working day. */
  nameOn(localDay: number): string | undefined;
}

const calendars = new Map<string, HolidayCalendar>();

/**
 * The holiday calendar of a union of zones (e.g. +590: GP, BL and MF), built once per zone set
 * and filled a year at a time, so a lookup is one Map read (rules.md FR-NUM-04, HOL-08).
 */
export function findHolidayCalendar(pack: RulePack, zoneIds: readonly string[]): HolidayCalendar {
  const key = `${pack.id}:${zoneIds.join('+')}`;
  let calendar = calendars.get(key);
  if (calendar) return calendar;
  const sources = zoneIds.map((id) => {
    const source = pack.holidayZones[id];
    if (!source) throw new Error(`rule pack ${pack.id} has no holiday zone '${id}'`);
    return source;
  });
  const loaded: boolean[] = [];
  const names = new Map<number, string>();
  const load = (yearIndex: number) => {
    loaded[yearIndex] = true;
    for (const source of sources) {
      for (const h of listZoneHolidays(source, 1970 + yearIndex)) {
        const n = Date.parse(`${h.date}T00:00:00Z`) / day;
        const previous = names.get(n);
        if (previous === undefined) names.set(n, h.name);
        else if (!previous.split(' / ').includes(h.name)) names.set(n, `${previous} / ${h.name}`);
      }
    }
  };
  calendar = {
    key,
    nameOn(localDay) {
      const i = indexOfYear(localDay * day);
      if (i >= 0 && !loaded[i]) load(i);
      return names.get(localDay);
    },
  };
  calendars.set(key, calendar);
  return calendar;
}
