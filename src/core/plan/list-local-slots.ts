import type { DailyWindow } from '../rules/rule-pack.ts';
import { findZoneClock } from '../rules/zone-clock.ts';
import type { Interval } from './intersect-intervals.ts';

const day = 86_400_000;
const minute = 60_000;

/**
 * The UTC intervals, between `from` and `to`, of daily local slots (minutes since local
 * midnight, e.g. the best slots 11:00–12:30 and 18:00–19:30) in one IANA zone, DST included.
 */
export function listLocalSlots(
  zone: string,
  slots: readonly DailyWindow[],
  from: number,
  to: number,
): Interval[] {
  const clock = findZoneClock(zone);
  const out: Interval[] = [];
  const first = Math.floor((from + clock.offsetAt(from) * minute) / day) * day;
  for (let localDay = first - day; localDay < to + 2 * day; localDay += day) {
    for (const slot of slots) {
      const start = Math.max(clock.toUtc(localDay + slot.start * minute), from);
      const end = Math.min(clock.toUtc(localDay + slot.end * minute), to);
      if (start < end) out.push({ start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
