import { isDomainError } from '../domain-error.ts';
import type { ParsedNumber } from '../phone/parse-number.ts';
import { departmentOfPostalCode } from '../rules/department-of-postal-code.ts';
import { type Recipient, resolveRecipient } from '../rules/recipient.ts';
import type { NumberClass } from './classify-number.ts';

/**
 * Recipients of one window class have the same sending windows: the same territories, zones
 * and holiday zones once the window engine has resolved them (number and département, which
 * narrows the number's territories or adds its own; Alsace-Moselle unless known elsewhere).
 * The plan computes each class's
 * windows once, with the class's representative recipient.
 */
export interface WindowClass {
  readonly key: string;
  readonly territories: readonly string[];
  readonly timeZones: readonly string[];
  readonly holidayZones: readonly string[];
  /** The window engine's recipient standing for the whole class. */
  readonly recipient: Recipient;
}

export interface WindowClassFinder {
  /** Index of the class of a recipient (classes are numbered in order of first appearance). */
  classOf(
    phone: string,
    number: NumberClass,
    department: string | null | undefined,
    postalCode: string | null | undefined,
  ): number;
  readonly classes: readonly WindowClass[];
}

/**
 * Classes recipients with two small caches: (number class, département) -> class, so the
 * engine's resolution runs once per distinct combination, not per recipient. A département the
 * engine rejects is ignored: the class then falls back to the number's own territories, the
 * stricter union (FR-NUM-04, FR-TIME-05). No territory is given: a contact's stored one is its
 * number's first candidate, not evidence of where its owner lives.
 */
export function createWindowClassFinder(): WindowClassFinder {
  const byNumber = new Map<NumberClass, Map<string, number>>();
  const byKey = new Map<string, number>();
  const classes: WindowClass[] = [];
  return {
    classes,
    classOf(phone, number, department, postalCode) {
      let byInput = byNumber.get(number);
      if (!byInput) {
        byInput = new Map();
        byNumber.set(number, byInput);
      }
      const dept =
        (department ? department.trim() : '') ||
        (postalCode ? (departmentOfPostalCode(postalCode) ?? '') : '');
      const known = byInput.get(dept);
      if (known !== undefined) return known;
      const recipient = resolveClassRecipient(
        { ...number, input: phone, e164: phone },
        dept || null,
      );
      const resolved = resolveRecipient(recipient);
      const key = resolved.ok
        ? `${resolved.territories.join('/')}|${resolved.zones.join('/')}|${resolved.holidayZones.join('/')}`
        : `refused:${resolved.reason}`;
      let index = byKey.get(key);
      if (index === undefined) {
        index = classes.length;
        byKey.set(key, index);
        classes.push({
          key,
          territories: resolved.territories,
          timeZones: resolved.zones,
          holidayZones: resolved.ok ? resolved.holidayZones : [],
          recipient,
        });
      }
      byInput.set(dept, index);
      return index;
    },
  };
}

function resolveClassRecipient(number: ParsedNumber, department: string | null): Recipient {
  const attempts: Recipient[] = [{ number, ...(department ? { department } : {}) }, { number }];
  for (const recipient of attempts) {
    try {
      resolveRecipient(recipient);
      return recipient;
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return { number };
}
