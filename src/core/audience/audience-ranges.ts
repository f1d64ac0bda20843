/**
 * Day and age arithmetic shared by every evaluator of a filter (in memory, SQL, columns), so they
 * agree to the day. Days are 'YYYY-MM-DD' strings, compared as strings.
 */

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an instant (ISO string) or a day. */
export function dayOf(at: string): string {
  return at.slice(0, 10);
}

/** Adds (or subtracts) whole days to a day. */
export function addDays(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** A filter's day value: 'YYYY-MM-DD' as is, '-90d' as 90 days before the reference day. */
export function resolveDay(value: string, at: string): string {
  if (dayPattern.test(value)) return value;
  return addDays(dayOf(at), -Number(value.slice(1, -1)));
}

/**
 * Age in whole years at day `atDay`: from the birth date, else from the birth year alone as if
 * born on 1 January (the age reached during the year). Null when neither is known.
 * A 29 February birthday is reached on 1 March in common years.
 */
export function ageAt(
  birthDate: string | null,
  birthYear: number | null,
  atDay: string,
): number | null {
  const born = birthDate ?? (birthYear === null ? null : `${pad(birthYear)}-01-01`);
  if (born === null) return null;
  const a = Number(atDay.replaceAll('-', ''));
  const b = Number(born.replaceAll('-', ''));
  return Math.floor((a - b) / 10_000);
}

/** Bounds on birth that mean "age >= min" and/or "age <= max" at day `atDay`. */
export interface BirthBounds {
  /** birth_date <= this ('YYYY-MM-DD', may name 29 Feb of a common year: compare as text). */
  readonly dateAtMost?: string;
  /** birth_date > this. */
  readonly dateAfter?: string;
  /** birth_year <= this, for contacts with only a birth year. */
  readonly yearAtMost?: number;
  /** birth_year >= this. */
  readonly yearAtLeast?: number;
}

export function birthBounds(min: number | null, max: number | null, atDay: string): BirthBounds {
  const year = Number(atDay.slice(0, 4));
  const monthDay = atDay.slice(4);
  return {
    ...(min === null
      ? {}
      : { dateAtMost: `${pad(year - min)}${monthDay}`, yearAtMost: year - min }),
    ...(max === null
      ? {}
      : { dateAfter: `${pad(year - max - 1)}${monthDay}`, yearAtLeast: year - max }),
  };
}

function pad(year: number): string {
  return String(year).padStart(4, '0');
}

/** The age bands of breakdowns. */
export const ageBands = ['<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

export function ageBandOf(age: number | null): string {
  if (age === null) return 'unknown';
  if (age < 18) return '<18';
  if (age < 25) return '18-24';
  if (age >= 65) return '65+';
  const low = Math.floor((age - 5) / 10) * 10 + 5;
  return `${low}-${low + 9}`;
}
