import Holidays from 'date-holidays';

/** One holiday on a local calendar day, as `YYYY-MM-DD`. */
export interface HolidayDate {
  readonly date: string;
  readonly name: string;
}

/** A holiday rule the library lacks, relative to a fixed date or to Easter Sunday. */
export type ExtraHoliday =
  | { readonly name: string; readonly month: number; readonly day: number }
  | { readonly name: string; readonly easterOffset: number };

/** A holiday zone: a date-holidays country (and state) plus the rules it lacks. */
export interface HolidayZoneSource {
  readonly country: string;
  readonly state?: string;
  readonly extras: readonly ExtraHoliday[];
}

const libraries = new Map<string, Holidays>();

/**
 * The public holidays of a zone for a year: date-holidays' 'public' days (its observances,
 * bank and optional days are not holidays here) plus the zone's extras (rules.md HOL-03..07).
 */
export function listZoneHolidays(source: HolidayZoneSource, year: number): HolidayDate[] {
  const key = `${source.country}/${source.state ?? ''}`;
  let library = libraries.get(key);
  if (!library) {
    library = source.state
      ? new Holidays(source.country, source.state)
      : new Holidays(source.country);
    libraries.set(key, library);
  }
  const found = new Map<string, string>();
  for (const h of library.getHolidays(year) || []) {
    if (h.type === 'public') found.set(h.date.slice(0, 10), h.name);
  }
  for (const extra of source.extras) {
    const date =
      'easterOffset' in extra
        ? shiftDate(computeEaster(year), extra.easterOffset)
        : isoDate(year, extra.month, extra.day);
    if (!found.has(date)) found.set(date, extra.name);
  }
  return [...found]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Easter Sunday (Gregorian, anonymous algorithm) as YYYY-MM-DD. */
export function computeEaster(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

function shiftDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
