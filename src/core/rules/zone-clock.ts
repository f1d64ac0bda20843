import { DomainError } from '../domain-error.ts';

const day = 86_400_000;
const minute = 60_000;
const firstYear = 1970;
const lastYear = 2200;
const yearStarts: number[] = [];
for (let y = firstYear; y <= lastYear + 1; y++) yearStarts.push(Date.UTC(y, 0, 1));

/** Offset transitions of one UTC year: `at[i]` (UTC ms) starts offset `minutes[i]`. */
interface YearOffsets {
  readonly at: number[];
  readonly minutes: number[];
}

/**
 * UTC offsets of an IANA zone, exact to the minute, from Intl.DateTimeFormat but asked only
 * about 400 times per zone and year: the transitions of a year are found once (daily samples,
 * then a binary search to the minute) and every later question is arithmetic. This is what
 * keeps window checks far above 200k/s.
 */
export interface ZoneClock {
  readonly zone: string;
  /** Offset from UTC in minutes at a UTC instant (ms). */
  offsetAt(utc: number): number;
  /** The UTC instant of a local wall-clock time (ms as if UTC); a skipped time maps forward. */
  toUtc(local: number): number;
}

const clocks = new Map<string, ZoneClock>();

export function findZoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = createZoneClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

/** Index of the UTC year of an instant in yearStarts; -1 outside 1970..2200. */
export function indexOfYear(utc: number): number {
  let i = Math.floor(utc / 31_556_952_000);
  if (i < 0 || i > lastYear - firstYear) return -1;
  if (utc < (yearStarts[i] as number)) i -= 1;
  else if (utc >= (yearStarts[i + 1] as number)) i += 1;
  return i;
}

function createZoneClock(zone: string): ZoneClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    throw new DomainError('invalid_input', `unknown time zone '${zone}'`, { zone });
  }
  const ask = (utc: number): number => parseOffset(format.format(utc));
  const years: Array<YearOffsets | undefined> = [];
  const offsetAt = (utc: number): number => {
    const i = indexOfYear(utc);
    if (i < 0) return ask(utc);
    let y = years[i];
    if (!y) {
      y = computeYear(ask, yearStarts[i] as number, yearStarts[i + 1] as number);
      years[i] = y;
    }
    const { at, minutes } = y;
    let k = 0;
    while (k + 1 < at.length && utc >= (at[k + 1] as number)) k += 1;
    return minutes[k] as number;
  };
  return {
    zone,
    offsetAt,
    toUtc(local) {
      const first = local - offsetAt(local) * minute;
      const second = local - offsetAt(first) * minute;
      if (second === first) return first;
      // Around a transition: keep the reading whose offset agrees, else the later (gap).
      const third = local - offsetAt(second) * minute;
      return third === second ? second : Math.max(first, second);
    },
  };
}

function computeYear(ask: (utc: number) => number, start: number, end: number): YearOffsets {
  const at = [start];
  const minutes = [ask(start)];
  let previous = minutes[0] as number;
  for (let t = start + day; t <= end; t += day) {
    const sample = ask(Math.min(t, end - 1));
    if (sample === previous) continue;
    let lo = t - day;
    let hi = Math.min(t, end - 1);
    while (hi - lo > minute) {
      const mid = lo + Math.floor((hi - lo) / 2 / minute) * minute;
      if (mid <= lo) break;
      if (ask(mid) === previous) lo = mid;
      else hi = mid;
    }
    at.push(hi);
    minutes.push(sample);
    previous = sample;
  }
  return { at, minutes };
}

function parseOffset(formatted: string): number {
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(formatted);
  if (!m) throw new Error(`unexpected offset format '${formatted}'`);
  if (!m[1]) return 0;
  const value = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -value : value;
}
