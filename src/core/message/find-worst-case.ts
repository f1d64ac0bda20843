import {
  type CompiledTemplate,
  countSeptets,
  resolveSlot,
  type TemplateValues,
} from './compile-template.ts';
import { measureText } from './measure-text.ts';
import { type Encoding, partCapacity } from './part-capacity.ts';
import { createViolation, type Violation } from './violation.ts';

export interface WorstCase {
  readonly recipients: number;
  /** UCS-2 as soon as one recipient's message is UCS-2. */
  readonly encoding: Encoding;
  readonly maxUnits: number;
  readonly maxParts: number;
  /** Index of the first recipient whose message needs maxParts parts (null: no recipient). */
  readonly worstRecipient: number | null;
  /** The worst message: most parts, then most units (its own encoding); null: no recipient. */
  readonly worst: {
    readonly recipient: number;
    readonly units: number;
    readonly encoding: Encoding;
  } | null;
  /** What first forced UCS-2: the template text itself (recipient null) or a recipient's value. */
  readonly ucs2Cause: {
    readonly recipient: number | null;
    readonly placeholder: string | null;
    readonly value: string;
    readonly char: string;
  } | null;
  /** Recipients with a placeholder that has neither a value nor a fallback (first 100 listed). */
  readonly missingCount: number;
  readonly missing: ReadonlyArray<{ readonly recipient: number; readonly placeholder: string }>;
  /** Blocks: a placeholder unknown to the contact fields, or missing values with no fallback. */
  readonly violations: readonly Violation[];
}

const missingListed = 100;

/**
 * The worst encoding and part count of a template over recipients' values. Linear and cheap per
 * recipient: only each value's characters are scanned; a message is rendered and split for real
 * only when it exceeds one SMS (where ESC and surrogate pairs can shift part boundaries).
 */
export function findWorstCase(
  template: CompiledTemplate,
  recipients: Iterable<TemplateValues>,
  knownFields?: readonly string[],
): WorstCase {
  const literalGsm = template.literalSeptets >= 0;
  let ucs2Cause: WorstCase['ucs2Cause'] = literalGsm ? null : literalCause(template);
  let count = 0;
  let maxUnits = 0;
  let maxParts = 0;
  let worstRecipient: number | null = null;
  let worst: WorstCase['worst'] = null;
  let missingCount = 0;
  const missing: Array<{ recipient: number; placeholder: string }> = [];
  const { slots } = template;
  for (const values of recipients) {
    const index = count;
    count += 1;
    let septets = template.literalSeptets;
    let length = template.literalLength;
    let gsm = literalGsm;
    let lacks = false;
    for (const slot of slots) {
      const value = resolveSlot(slot, values);
      if (value === undefined) {
        lacks = true;
        if (missing.length < missingListed)
          missing.push({ recipient: index, placeholder: slot.name });
        continue;
      }
      length += value.length;
      if (!gsm) continue;
      const s = countSeptets(value);
      if (s < 0) {
        gsm = false;
        if (ucs2Cause === null) ucs2Cause = valueCause(index, slot.name, value);
      } else {
        septets += s;
      }
    }
    if (lacks) missingCount += 1;
    const encoding: Encoding = gsm ? 'GSM-7' : 'UCS-2';
    let units = gsm ? septets : length;
    let parts = 1;
    if (units > partCapacity[encoding].single) {
      const measure = measureText(template.render(values).text);
      units = measure.units;
      parts = measure.parts;
    }
    if (units > maxUnits) maxUnits = units;
    if (parts > maxParts || (parts === maxParts && worst !== null && units > worst.units)) {
      worst = { recipient: index, units, encoding };
    }
    if (parts > maxParts) {
      maxParts = parts;
      worstRecipient = index;
    }
  }
  return {
    violations: findTemplateViolations(template, missingCount, missing, knownFields),
    recipients: count,
    encoding: ucs2Cause === null ? 'GSM-7' : 'UCS-2',
    maxUnits,
    maxParts,
    worstRecipient,
    worst,
    ucs2Cause,
    missingCount,
    missing,
  };
}

function literalCause(template: CompiledTemplate): WorstCase['ucs2Cause'] {
  const char = measureText(template.literals.join('')).nonGsm[0]?.char ?? '';
  return { recipient: null, placeholder: null, value: template.source, char };
}

function valueCause(recipient: number, placeholder: string, value: string): WorstCase['ucs2Cause'] {
  const char = measureText(value).nonGsm[0]?.char ?? '';
  return { recipient, placeholder, value, char };
}

function findTemplateViolations(
  template: CompiledTemplate,
  missingCount: number,
  missing: ReadonlyArray<{ recipient: number; placeholder: string }>,
  knownFields: readonly string[] | undefined,
): Violation[] {
  const violations: Violation[] = [];
  if (knownFields !== undefined) {
    for (const slot of template.slots) {
      if (knownFields.includes(slot.name)) continue;
      const blocked = slot.fallback === undefined;
      const message = blocked
        ? `{${slot.name}} is not a contact field (known: ${knownFields.join(', ')}) and has no fallback`
        : `{${slot.name}} is not a contact field: every recipient will get the fallback "${slot.fallback}"`;
      violations.push(createViolation('FR-MSG-04', 'policy', blocked ? 'block' : 'warn', message));
    }
  }
  if (missingCount > 0) {
    const names = [...new Set(missing.map((m) => m.placeholder))];
    const example = names[0] ?? 'field';
    violations.push(
      createViolation(
        'FR-MSG-04',
        'policy',
        'block',
        `${missingCount} recipient(s) have no value for ${names.map((n) => `{${n}}`).join(', ')} and no fallback is written: use e.g. {${example}|client}`,
      ),
    );
  }
  return violations;
}
