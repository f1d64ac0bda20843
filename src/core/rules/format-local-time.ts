const day = 86_400_000;
const offsets = new Map<number, string>();
const dates = new Map<number, string>();
const two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * A local wall-clock time (ms as if UTC) and its offset as ISO 8601 to the second, e.g.
 * 2026-03-28T20:59:00+04:00. Day strings and offsets are cached: this runs on every check.
 */
export function formatLocalTime(local: number, offsetMinutes: number): string {
  let suffix = offsets.get(offsetMinutes);
  if (suffix === undefined) {
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    suffix = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${two[abs % 60]}`;
    offsets.set(offsetMinutes, suffix);
  }
  const d = Math.floor(local / day);
  let date = dates.get(d);
  if (date === undefined) {
    date = new Date(d * day).toISOString().slice(0, 10);
    if (dates.size > 100_000) dates.clear();
    dates.set(d, date);
  }
  const seconds = Math.floor((local - d * day) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${date}T${two[h]}:${two[m]}:${two[seconds % 60]}${suffix}`;
}
