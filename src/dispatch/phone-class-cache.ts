import { type ParsedNumber, parseNumber } from '../core/phone/parse-number.ts';

/** What the window check needs of a number: its recipient class and the key of that class. */
export interface PhoneClass {
  /** The first number parsed of this class: any number of the class has the same windows. */
  readonly number: ParsedNumber;
  /** Territories, zones, rule pack and mobility: numbers with the same key share a window. */
  readonly key: string;
}

export interface PhoneClassCache {
  /** The number's class, or null when the number does not parse as valid. */
  classOf(phone: string): PhoneClass | null;
  readonly size: number;
}

/**
 * Phone → recipient class, per process and bounded: the re-check at hand-off then parses a
 * number once, not at every message sent to it (the same audience across campaigns, retries,
 * replans). A number's class never changes (it depends on the numbering plan only), so entries
 * never go stale; past `limit` the oldest entry goes (insertion order).
 */
export function createPhoneClassCache(
  limit = 100_000,
  parse: (phone: string) => ParsedNumber = parseNumber,
): PhoneClassCache {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  const classes = new Map<string, PhoneClass | null>();
  // One PhoneClass per key, shared by its numbers: an entry costs the phone string, not a parse
  // result (a campaign of 100,000 distinct numbers would otherwise keep 100,000 parses alive).
  const interned = new Map<string, PhoneClass>();
  return {
    classOf(phone) {
      const hit = classes.get(phone);
      if (hit !== undefined) return hit;
      const number = parse(phone);
      let found: PhoneClass | null = null;
      if (number.valid) {
        const key = `${number.territories.join(',')}|${number.timeZones.join(',')}|${number.rulePack}|${number.mobile}`;
        found = interned.get(key) ?? null;
        if (!found) {
          found = { number, key };
          interned.set(key, found);
        }
      }
      if (classes.size >= limit) classes.delete(classes.keys().next().value as string);
      classes.set(phone, found);
      return found;
    },
    get size() {
      return classes.size;
    },
  };
}
