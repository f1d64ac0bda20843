import { type ParsedNumber, parseNumber } from '../phone/parse-number.ts';

/** What a number's leading digits decide: validity, type, territories, zones, rule pack. */
export type NumberClass = Omit<ParsedNumber, 'input' | 'e164'>;

/**
 * A memoised `parseNumber` for the preflight of large campaigns. Numbers from the store are
 * E.164; their type, territories and zones are decided by the leading digits and the length
 * (French plans end every pattern in `\d{n}`), so the class is cached per (all digits but the
 * last four, length). Results are interned, shared objects: never mutate them; equal classes
 * are the same object. Give the number's
 * `e164Key` (NaN when not canonical E.164: such a number is parsed on its own, uncached).
 * A test checks the cache against direct parsing.
 */
export function createNumberClassifier(): (phone: string, key: number) => NumberClass {
  const cache = new Map<number, NumberClass>();
  // One shared object per distinct class (a few dozen), so callers may key maps on identity.
  const interned = new Map<string, NumberClass>();
  const intern = (parsed: ParsedNumber): NumberClass => {
    const { input: _input, e164: _e164, ...numberClass } = parsed;
    const signature = JSON.stringify(numberClass);
    const known = interned.get(signature);
    if (known) return known;
    interned.set(signature, numberClass);
    return numberClass;
  };
  return (phone, key) => {
    if (Number.isNaN(key)) return parseNumber(phone);
    const prefix = Math.floor(key / 10_000) * 16 + phone.length;
    const hit = cache.get(prefix);
    if (hit) return hit;
    const parsed = parseNumber(phone);
    // A valid E.164 that does not normalise to itself is not a canonical store number.
    const canonical = !parsed.valid || parsed.e164 === phone;
    const numberClass = intern(
      canonical ? parsed : { ...parsed, valid: false, mobile: false, reason: 'invalid' },
    );
    cache.set(prefix, numberClass);
    return numberClass;
  };
}
