import { DomainError } from '../domain-error.ts';
import type { ParsedNumber } from '../phone/parse-number.ts';
import { departmentOfPostalCode } from './department-of-postal-code.ts';
import type { RulePack } from './rule-pack.ts';
import { findRulePack } from './rule-packs.ts';

/** Who a message goes to, as far as windows care. Treat it as immutable: checks cache on it. */
export interface Recipient {
  readonly number: ParsedNumber;
  /** Département ('75', '2A', '974'), when the workspace knows it. */
  readonly department?: string;
  /** Postal code, used for the département when none is given. */
  readonly postalCode?: string;
  /** Territory override with evidence (e.g. 'BL' for a +590 number), FR-NUM-04. */
  readonly territory?: string;
}

export type RecipientRefusal = 'invalid-number' | 'not-mobile' | 'no-rule-pack';

export type ResolvedRecipient =
  | {
      readonly ok: true;
      readonly pack: RulePack;
      readonly territories: readonly string[];
      readonly zones: readonly string[];
      readonly holidayZones: readonly string[];
    }
  | {
      readonly ok: false;
      readonly reason: RecipientRefusal;
      readonly territories: readonly string[];
      readonly zones: readonly string[];
    };

const resolved = new WeakMap<Recipient, ResolvedRecipient>();

/**
 * Territories, zones and holiday zones of a recipient under its rule pack: the number's
 * candidate territories, narrowed by a territory override or a département that designates one
 * of them, joined by the département's territory when it designates another (every zone's
 * window must allow a message); Alsace-Moselle unless the département is known to be elsewhere
 * (HOL-03).
 */
export function resolveRecipient(recipient: Recipient): ResolvedRecipient {
  let r = resolved.get(recipient);
  if (!r) {
    r = computeResolution(recipient);
    resolved.set(recipient, r);
  }
  return r;
}

function computeResolution(recipient: Recipient): ResolvedRecipient {
  const n = recipient.number;
  const refuse = (reason: RecipientRefusal): ResolvedRecipient => ({
    ok: false,
    reason,
    territories: n.territories,
    zones: n.timeZones,
  });
  if (!n.valid) return refuse('invalid-number');
  if (!n.mobile) return refuse('not-mobile');
  const pack = n.rulePack ? findRulePack(n.rulePack) : null;
  if (!pack) return refuse('no-rule-pack');
  const department = findDepartment(recipient, pack);
  let territories = n.territories;
  if (recipient.territory !== undefined) {
    if (!territories.includes(recipient.territory)) {
      throw new DomainError(
        'invalid_input',
        `territory '${recipient.territory}' is not one of the number's territories (${territories.join(', ')})`,
        { territory: recipient.territory, candidates: territories },
      );
    }
    territories = [recipient.territory];
  } else if (department !== null) {
    const designated = pack.territoryOfDepartment(department);
    // One of the number's candidates: it narrows them (+590: one island). Another territory (a
    // Réunion resident with a metropolitan mobile): the consumer's own time zone (D223-9) is
    // where they live, which the number cannot tell, so both windows hold (FR-TIME-03).
    if (designated !== null) {
      territories = territories.includes(designated) ? [designated] : [...territories, designated];
    }
  }
  const zones = [...new Set(territories.flatMap((t) => pack.zonesOf(t)))];
  const holidayZones = [
    ...new Set(territories.flatMap((t) => pack.holidayZonesFor(t, department))),
  ];
  return { ok: true, pack, territories, zones, holidayZones };
}

/**
 * The recipient's département, from `department` or `postalCode`, checked against the rule
 * pack: a code that names no département ("00", "99" for abroad, "980" Monaco, a 96xxx postal
 * code) is bad input, not a département "known to be elsewhere", which would lift
 * Alsace-Moselle's holidays from a metropolitan number (HOL-03).
 */
function findDepartment(recipient: Recipient, pack: RulePack): string | null {
  if (recipient.department !== undefined) {
    const d = recipient.department.trim().toUpperCase();
    const normalized = /^\d$/.test(d) ? `0${d}` : d;
    if (!/^(?:\d{2}|2A|2B|9[78]\d)$/.test(normalized) || !pack.territoryOfDepartment(normalized)) {
      throw new DomainError(
        'invalid_input',
        `department '${recipient.department}' is not a French département code`,
        {
          department: recipient.department,
        },
      );
    }
    return normalized;
  }
  if (recipient.postalCode !== undefined) {
    const d = departmentOfPostalCode(recipient.postalCode);
    if (d === null || !pack.territoryOfDepartment(d)) {
      throw new DomainError(
        'invalid_input',
        `postal code '${recipient.postalCode}' is not a French postal code`,
        {
          postalCode: recipient.postalCode,
        },
      );
    }
    return d;
  }
  return null;
}
