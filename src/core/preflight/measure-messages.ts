import { type CompiledTemplate, countSeptets, resolveSlot } from '../message/compile-template.ts';
import { measureText } from '../message/measure-text.ts';
import { type Encoding, partCapacity } from '../message/part-capacity.ts';
import type { PreflightRecipient } from './preflight-recipient.ts';

export interface MessageMeasures {
  /** Parts of each recipient's own message (index = eligible index), at least 1. */
  readonly parts: Uint8Array;
  readonly totalParts: number;
  /** UCS-2 as soon as one message is UCS-2. */
  readonly encoding: Encoding;
  readonly ucs2Messages: number;
  readonly maxParts: number;
  readonly worstRecipientId: number | null;
  /** Messages needing more parts than the policy allows. */
  readonly overLimit: number;
  /** Recipients with a placeholder that has neither a value nor a fallback. */
  readonly missingValues: number;
  readonly missingPlaceholders: readonly string[];
}

interface ValueMeasure {
  readonly septets: number;
  readonly length: number;
}

const empty: Readonly<Record<string, string>> = {};

/**
 * Every recipient's message measured without rendering it: per-value septets are cached (a
 * million recipients share a few thousand first names), units are summed, and only a message
 * over one SMS is rendered and split for real (ESC and surrogate pairs move part boundaries).
 */
export function measureMessages(
  template: CompiledTemplate,
  recipients: readonly PreflightRecipient[],
  maxPartsAllowed: number,
): MessageMeasures {
  const cache = new Map<string, ValueMeasure>();
  const measureValue = (value: string): ValueMeasure => {
    let m = cache.get(value);
    if (!m) {
      m = { septets: countSeptets(value), length: value.length };
      cache.set(value, m);
    }
    return m;
  };
  const parts = new Uint8Array(recipients.length);
  const { slots } = template;
  const literalGsm = template.literalSeptets >= 0;
  let totalParts = 0;
  let ucs2Messages = 0;
  let maxParts = 0;
  let worstRecipientId: number | null = null;
  let overLimit = 0;
  let missingValues = 0;
  const missingPlaceholders = new Set<string>();
  for (let i = 0; i < recipients.length; i++) {
    const r = recipients[i]!;
    const values = r.values ?? empty;
    let septets = template.literalSeptets;
    let length = template.literalLength;
    let gsm = literalGsm;
    let lacks = false;
    for (const slot of slots) {
      const value = resolveSlot(slot, values);
      if (value === undefined) {
        lacks = true;
        missingPlaceholders.add(slot.name);
        continue;
      }
      const m = measureValue(value);
      length += m.length;
      if (m.septets < 0) gsm = false;
      else septets += m.septets;
    }
    if (lacks) missingValues++;
    const encoding: Encoding = gsm ? 'GSM-7' : 'UCS-2';
    const units = gsm ? septets : length;
    let p = 1;
    if (units > partCapacity[encoding].single) p = measureText(template.render(values).text).parts;
    if (!gsm) ucs2Messages++;
    parts[i] = Math.min(p, 255);
    totalParts += p;
    if (p > maxParts) {
      maxParts = p;
      worstRecipientId = r.id;
    }
    if (p > maxPartsAllowed) overLimit++;
  }
  return {
    parts,
    totalParts,
    encoding: ucs2Messages > 0 ? 'UCS-2' : 'GSM-7',
    ucs2Messages,
    maxParts,
    worstRecipientId,
    overLimit,
    missingValues,
    missingPlaceholders: [...missingPlaceholders],
  };
}
