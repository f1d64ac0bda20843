import { formatLocalTime } from './format-local-time.ts';
import { findZoneClock } from './zone-clock.ts';

/** An instant (epoch ms) as ISO 8601 local time in an IANA zone, e.g. 2026-03-28T20:00:00+01:00. */
export function formatZoneTime(zone: string, instant: number): string {
  const offset = findZoneClock(zone).offsetAt(instant);
  return formatLocalTime(instant + offset * 60_000, offset);
}
