/** Small calendar and text helpers of the per-row readers (an import calls them a million times). */

/** Whether YYYY-MM-DD numbers name a real day (Gregorian leap years). */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last =
    month === 2
      ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  return day <= last;
}

/** `now` as an ISO string, kept for the last `now` seen (an import passes the same one). */
let lastNow: { now: Date; iso: string } | null = null;
export function isoOf(now: Date): string {
  if (lastNow?.now !== now) lastNow = { now, iso: now.toISOString() };
  return lastNow.iso;
}

/** Whitespace other than single spaces (the rare case worth a replace). */
const oddSpace = /\s\s|[^\S ]/;

/** Runs of whitespace as one space; the text itself when it has none to collapse. */
export function collapseSpaces(text: string): string {
  return oddSpace.test(text) ? text.replace(/\s+/g, ' ') : text;
}
