/**
 * The digits of a canonical E.164 number ('+' then 7 to 15 digits, the first not 0) as one
 * integer (exact: 15 digits < 2^53), or NaN for anything else. A cheap key for the caches and
 * the duplicate check of a million recipients, without regular expressions or substrings.
 */
export function e164Key(phone: string): number {
  const length = phone.length;
  if (length < 8 || length > 16 || phone.charCodeAt(0) !== 43) return Number.NaN;
  let n = 0;
  for (let i = 1; i < length; i++) {
    const d = phone.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (i === 1 && d === 0)) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}
