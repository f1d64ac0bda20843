import { ageBandOf, dayOf } from '../core/audience/audience-ranges.ts';
import {
  type AudienceColumns,
  dayNumber,
  type TextField,
  textFields,
  UnsupportedByColumns,
} from './audience-columns.ts';

type Bits = Uint32Array;

/** Splits matching positions into reachable and exclusions, and breaks the reachable down. */
export function tallyColumns(
  cols: AudienceColumns,
  bits: Bits,
  at: string,
  fields: readonly string[],
): {
  matched: number;
  reachable: number;
  excluded: { suppressed: number; noConsent: number; invalid: number };
  breakdown: Record<string, Record<string, number>>;
} {
  const atMs = Date.parse(at);
  const atDay = dayNumber(dayOf(at));
  const counts = [0, 0, 0, 0];
  const { klass, validUntil } = cols;
  // Reachable positions first (one pass), then one tight counting loop per breakdown field.
  const reachable = new Uint32Array(bits.length);
  for (let w = 0; w < bits.length; w += 1) {
    let word = bits[w]!;
    let hits = 0;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word ^= 1 << bit;
      const i = (w << 5) + bit;
      let k = klass[i]!;
      if (k === 0) {
        if (validUntil[i]! > atMs) hits |= 1 << bit;
        else k = 3;
      }
      counts[k]! += 1;
    }
    reachable[w] = hits;
  }
  const breakdown: Record<string, Record<string, number>> = {};
  for (const field of fields) breakdown[field] = countBy(cols, field, reachable, atDay);
  const [reached, suppressed, invalid, noConsent] = counts as [number, number, number, number];
  return {
    matched: reached + suppressed + invalid + noConsent,
    reachable: reached,
    excluded: { suppressed, noConsent, invalid },
    breakdown,
  };
}

function countBy(
  cols: AudienceColumns,
  field: string,
  bits: Bits,
  atDay: number,
): Record<string, number> {
  let keys: ArrayLike<number>;
  let tally: Uint32Array;
  let offset = 0;
  if (field in textFields) {
    const dict = cols.text[field as TextField];
    keys = dict.codes;
    tally = new Uint32Array(dict.values.length);
  } else if (field === 'children') {
    keys = cols.children;
    tally = new Uint32Array(256);
    offset = 1;
  } else if (field === 'age') {
    return countAges(cols, bits, atDay);
  } else throw new UnsupportedByColumns(`breakdown by ${field}`);
  for (let w = 0; w < bits.length; w += 1) {
    let word = bits[w]!;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word ^= 1 << bit;
      tally[keys[(w << 5) + bit]! + offset]! += 1;
    }
  }
  const byLabel = new Map<string, number>();
  tally.forEach((n, key) => {
    if (n > 0) {
      const label = labelOf(cols, field, key - offset);
      byLabel.set(label, (byLabel.get(label) ?? 0) + n);
    }
  });
  return sortCounts(byLabel);
}

function countAges(cols: AudienceColumns, bits: Bits, atDay: number): Record<string, number> {
  const byAge = new Uint32Array(202);
  const birth = cols.birth;
  for (let w = 0; w < bits.length; w += 1) {
    let word = bits[w]!;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word ^= 1 << bit;
      const b = birth[(w << 5) + bit]!;
      byAge[b === 0 ? 201 : Math.min(Math.max(Math.floor((atDay - b) / 10_000), 0), 200)]! += 1;
    }
  }
  const byLabel = new Map<string, number>();
  byAge.forEach((n, age) => {
    if (n > 0) {
      const label = ageBandOf(age === 201 ? null : age);
      byLabel.set(label, (byLabel.get(label) ?? 0) + n);
    }
  });
  return sortCounts(byLabel);
}

function sortCounts(byLabel: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...byLabel].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function labelOf(cols: AudienceColumns, field: string, key: number): string {
  if (field in textFields)
    return key === 0 ? 'unknown' : cols.text[field as TextField].values[key]!;
  if (field === 'age') return ageBandOf(key === -1 ? null : key);
  return key === -1 ? 'unknown' : String(key);
}
