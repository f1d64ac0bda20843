/**
 * An interval's local start and end ("2026-11-30T08:00:00+01:00") as hours of `date`'s local
 * day: an end on the next day (midnight) reads as 24, a start on the previous day as 0.
 */
export function readLocalHours(
  localStart: string,
  localEnd: string,
  date: string,
): [number, number] {
  const hours = (s: string, fallback: number) =>
    s.slice(0, 10) === date ? Number(s.slice(11, 13)) + Number(s.slice(14, 16)) / 60 : fallback;
  return [hours(localStart, 0), hours(localEnd, 24)];
}
