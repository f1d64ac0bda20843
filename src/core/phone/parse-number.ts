import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import { DomainError } from '../domain-error.ts';
import { findRulePackId } from '../rules/rule-packs.ts';
import {
  frenchCallingCodes,
  frenchNationalCandidates,
  frenchTerritories,
  isFrenchTerritory,
} from './french-territories.ts';
import { findNumberingPlan, listRegionsOfCallingCode, type NumberKind } from './numbering-plan.ts';

export type ParseReason = 'unparsable' | 'invalid' | 'not-mobile' | 'no-rule-pack';

export interface ParsedNumber {
  input: string;
  /** E.164 when the number is valid, null otherwise. */
  e164: string | null;
  valid: boolean;
  mobile: boolean;
  /** ISO region of the number, e.g. 'FR', 'RE', 'GP'. */
  country: string | null;
  /** Every candidate territory, e.g. ['GP', 'BL', 'MF'] for +590. */
  territories: string[];
  timeZones: string[];
  /** 'FR' for French territories, null when no rule pack covers the country. */
  rulePack: string | null;
  reason?: ParseReason;
}

interface Resolved {
  callingCode: string;
  nsn: string;
  region: string;
  kind: NumberKind;
}

const separators = /[\s.\-()/\u00a0\u202f]/g;
const simple = /^(\+|00)?(\d{4,17})$/;

/**
 * Parses and normalises a number (rules.md FR-NUM-01..04). A national 06/07 number is never
 * mapped to +33 blindly: with a French default region, the French and overseas plans are tried
 * in turn and the one that validates wins (0692 -> +262 RE, 0690 -> +590, ...). Fast path over
 * compiled metadata for the French plans; libphonenumber for everything else.
 */
export function parseNumber(input: string, defaultRegion = 'FR'): ParsedNumber {
  if (!isSupportedCountry(defaultRegion)) {
    throw new DomainError('invalid_input', `unknown region '${defaultRegion}' (ISO 3166 code)`, {
      region: defaultRegion,
    });
  }
  const resolved = resolveFast(input, defaultRegion) ?? resolveSlow(input, defaultRegion);
  if (!resolved) return describeUnparsable(input);
  return describe(input, resolved);
}

function resolveFast(input: string, defaultRegion: string): Resolved | null {
  const m = simple.exec(input.replace(separators, ''));
  if (!m) return null;
  const digits = m[2] as string;
  if (m[1]) {
    for (const len of [2, 3]) {
      const code = digits.slice(0, len);
      if (frenchCallingCodes.has(code)) return resolveInternational(code, digits.slice(len));
    }
    return null;
  }
  if (!isFrenchTerritory(defaultRegion) || !digits.startsWith('0')) return null;
  const nsn = digits.slice(1);
  const regions =
    defaultRegion === 'FR'
      ? frenchNationalCandidates
      : [defaultRegion, ...frenchNationalCandidates];
  for (const region of regions) {
    const plan = findNumberingPlan(region);
    if (plan?.nationalPrefix !== '0') continue;
    const kind = plan.classify(nsn);
    if (kind !== 'invalid') return { callingCode: plan.callingCode, nsn, region, kind };
  }
  const own = findNumberingPlan(defaultRegion);
  return own ? { callingCode: own.callingCode, nsn, region: defaultRegion, kind: 'invalid' } : null;
}

/** A clean international French number: decided here, invalid included (no slow retry). */
function resolveInternational(callingCode: string, nsn: string): Resolved {
  const regions = listRegionsOfCallingCode(callingCode);
  // '+33 (0)6 ...' keeps its trunk 0 once the separators are gone.
  const trunk = findNumberingPlan(regions[0] ?? '')?.nationalPrefix === '0';
  const candidates = trunk && nsn.startsWith('0') ? [nsn, nsn.slice(1)] : [nsn];
  for (const digits of candidates) {
    for (const region of regions) {
      const kind = findNumberingPlan(region)?.classify(digits) ?? 'invalid';
      if (kind !== 'invalid') return { callingCode, nsn: digits, region, kind };
    }
  }
  return { callingCode, nsn, region: regions[0] ?? '', kind: 'invalid' };
}

function resolveSlow(input: string, defaultRegion: string): Resolved | null {
  const first = parseWithLibrary(input, defaultRegion);
  if (first?.kind !== 'invalid' || !isFrenchTerritory(defaultRegion) || /^\s*(\+|00)/.test(input)) {
    return first;
  }
  for (const region of frenchNationalCandidates) {
    const other = parseWithLibrary(input, region);
    if (other && other.kind !== 'invalid') return other;
  }
  return first;
}

function parseWithLibrary(input: string, region: string): Resolved | null {
  const parsed = parsePhoneNumberFromString(input, region as CountryCode);
  if (!parsed) return null;
  const type = parsed.getType();
  const kind: NumberKind =
    type === undefined
      ? 'invalid'
      : type === 'MOBILE'
        ? 'mobile'
        : type === 'FIXED_LINE_OR_MOBILE'
          ? 'fixed-or-mobile'
          : 'other';
  const callingCode = parsed.countryCallingCode;
  const regions = listRegionsOfCallingCode(callingCode);
  return {
    callingCode,
    nsn: parsed.nationalNumber,
    region: parsed.country ?? regions[0] ?? '',
    kind,
  };
}

interface Placement {
  readonly territories: readonly string[];
  readonly timeZones: readonly string[];
  readonly rulePack: string | null;
}

const placements = new Map<string, Placement>();

/** Territories, zones and pack of a (calling code, region), computed once. */
function findPlacement(callingCode: string, region: string): Placement {
  const key = `${callingCode}/${region}`;
  let placement = placements.get(key);
  if (!placement) {
    // +590 cannot tell Guadeloupe, Saint-Barthélemy and Saint-Martin apart (FR-NUM-04).
    const territories = callingCode === '590' ? ['GP', 'BL', 'MF'] : region ? [region] : [];
    placement = {
      territories,
      timeZones: territories.flatMap((t) =>
        isFrenchTerritory(t) ? [...frenchTerritories[t].zones] : [],
      ),
      rulePack: region ? findRulePackId(region) : null,
    };
    placements.set(key, placement);
  }
  return placement;
}

function describe(input: string, r: Resolved): ParsedNumber {
  const valid = r.kind !== 'invalid';
  const mobile = r.kind === 'mobile' || r.kind === 'fixed-or-mobile';
  const placement = findPlacement(r.callingCode, r.region);
  const rulePack = placement.rulePack;
  const result: ParsedNumber = {
    input,
    e164: valid ? `+${r.callingCode}${r.nsn}` : null,
    valid,
    mobile,
    country: r.region || null,
    territories: valid ? placement.territories.slice() : [],
    timeZones: valid ? placement.timeZones.slice() : [],
    rulePack,
  };
  const reason = !valid
    ? 'invalid'
    : !mobile
      ? 'not-mobile'
      : rulePack === null
        ? 'no-rule-pack'
        : undefined;
  if (reason) result.reason = reason;
  return result;
}

function describeUnparsable(input: string): ParsedNumber {
  return {
    input,
    e164: null,
    valid: false,
    mobile: false,
    country: null,
    territories: [],
    timeZones: [],
    rulePack: null,
    reason: 'unparsable',
  };
}
