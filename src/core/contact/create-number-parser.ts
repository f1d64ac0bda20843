import { type ParsedNumber, parseNumber } from '../phone/parse-number.ts';

const nationalMobile = /^0\d{9}$/;
const separators = /[\s.\-()/\u00a0\u202f]/g;

/**
 * parseNumber with a cache for national 10-digit numbers keyed on their first six digits:
 * every French plan decides validity, type and territory on at most the first six digits
 * (the last four are free), so the E.164 form is the cached prefix plus the last four digits.
 * A result is cached only when its E.164 really ends with those four digits.
 */
export function createNumberParser(
  defaultRegion = 'FR',
  maxEntries = 200_000,
): (input: string) => ParsedNumber {
  const cache = new Map<string, ParsedNumber>();
  return (input) => {
    const digits =
      input.includes(' ') || input.includes('.') ? input.replace(separators, '') : input;
    if (!nationalMobile.test(digits)) return parseNumber(input, defaultRegion);
    const key = digits.slice(0, 6);
    const tail = digits.slice(6);
    const hit = cache.get(key);
    if (hit) {
      return hit.e164 === null
        ? { ...hit, input }
        : { ...hit, input, e164: hit.e164.slice(0, -4) + tail };
    }
    const parsed = parseNumber(input, defaultRegion);
    const cacheable = parsed.e164 === null ? !parsed.valid : parsed.e164.endsWith(tail);
    if (cacheable && cache.size < maxEntries) cache.set(key, parsed);
    return parsed;
  };
}
