import metadata from 'libphonenumber-js/max/metadata';

/** What a national significant number is under one region's numbering plan. */
export type NumberKind = 'invalid' | 'mobile' | 'fixed-or-mobile' | 'other';

export interface NumberingPlan {
  readonly region: string;
  readonly callingCode: string;
  /** National prefix ('0' for France and its territories), null when the plan has none. */
  readonly nationalPrefix: string | null;
  /** Classifies a national significant number (digits after the calling code). */
  classify(nsn: string): NumberKind;
}

type TypeEntry = [string, number[]?] | 0 | undefined;
type CountryEntry = [string, string, string, number[], unknown, string?, ...unknown[]];

const plans = new Map<string, NumberingPlan | null>();

/**
 * The numbering plan of a region compiled once from libphonenumber's "max" metadata: the same
 * patterns and type order as libphonenumber's getNumberType, without re-reading the metadata on
 * every call (the parsing hot path of imports).
 */
export function findNumberingPlan(region: string): NumberingPlan | null {
  const cached = plans.get(region);
  if (cached !== undefined) return cached;
  const entry = (metadata.countries as unknown as Record<string, CountryEntry | undefined>)[region];
  const plan = entry ? compilePlan(region, entry) : null;
  plans.set(region, plan);
  return plan;
}

/** Regions sharing a calling code, main region first (e.g. '590' -> GP, BL, MF). */
export function listRegionsOfCallingCode(callingCode: string): readonly string[] {
  return (
    (metadata.country_calling_codes as Record<string, string[] | undefined>)[callingCode] ?? []
  );
}

function compilePlan(region: string, entry: CountryEntry): NumberingPlan {
  const [callingCode, , generalPattern, generalLengths] = entry;
  const nationalPrefix = typeof entry[5] === 'string' ? entry[5] : null;
  const types = (entry[11] ?? []) as TypeEntry[];
  const general = new RegExp(`^(?:${generalPattern})$`);
  const matchers = types.map((t) => compileType(t, generalLengths));
  const fixed = matchers[0];
  const mobile = matchers[1];
  const mobileDuplicated = Array.isArray(types[1]) && types[1][0] === '';
  const others = [1, 3, 2, 9, 8, 4, 7, 6, 5].map((i) => matchers[i]);
  return {
    region,
    callingCode,
    nationalPrefix,
    classify(nsn) {
      if (!general.test(nsn)) return 'invalid';
      if (fixed?.(nsn)) {
        if (mobileDuplicated || !Array.isArray(types[1]) || mobile?.(nsn)) return 'fixed-or-mobile';
        return 'other';
      }
      for (const [i, m] of others.entries()) if (m?.(nsn)) return i === 0 ? 'mobile' : 'other';
      return 'invalid';
    },
  };
}

function compileType(t: TypeEntry, generalLengths: number[]): ((nsn: string) => boolean) | null {
  if (!Array.isArray(t) || !t[0]) return null;
  const re = new RegExp(`^(?:${t[0]})$`);
  const lengths = t[1] ?? generalLengths;
  return (nsn) => lengths.includes(nsn.length) && re.test(nsn);
}
