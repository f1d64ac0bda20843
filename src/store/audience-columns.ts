import type { AudienceCondition, AudienceNode } from '../core/audience/audience-node.ts';
import { dayOf } from '../core/audience/audience-ranges.ts';
import { ageRange, dayRange } from '../core/audience/evaluate-audience.ts';

/**
 * A compact per-workspace column store of the targeting attributes: one typed array per field,
 * text fields dictionary-coded (code 0 = missing), days as yyyymmdd integers, multi-valued
 * fields as token bitmasks. Filters evaluate to bitsets (32 contacts a word); SQL
 * (compileAudienceFilter) is the reference and the property test checks both agree.
 */
export interface AudienceColumns {
  readonly size: number;
  readonly ids: Uint32Array;
  readonly text: Readonly<Record<TextField, Dictionary>>;
  /** yyyymmdd of the birth date, or of 1 January of the birth year; 0 unknown. */
  readonly birth: Int32Array;
  /** -1 unknown. */
  readonly children: Int8Array;
  /** yyyymmdd of last_interaction_at; 0 none. */
  readonly lastInteraction: Int32Array;
  readonly multi: Readonly<Record<MultiField, TokenMasks>>;
  /** 0 consent granted (valid until `validUntil`), 1 suppressed, 2 invalid number, 3 no consent. */
  readonly klass: Uint8Array;
  readonly validUntil: Float64Array;
}

export const textFields = {
  region: 'region',
  department: 'department',
  postalCode: 'postal_code',
  commune: 'commune_code',
  gender: 'gender',
  profession: 'profession',
  income: 'income',
  housing: 'housing',
  consentBasis: 'consent_basis',
  source: 'source',
} as const;
export type TextField = keyof typeof textFields;
export type MultiField = 'interests' | 'transport';

export interface Dictionary {
  /** values[code]; values[0] is the missing value. */
  readonly values: string[];
  readonly index: Map<string, number>;
  codes: Uint8Array | Uint16Array;
}

/** Bits 0..30 one per token (lowercased, as `|token|` appears in the text); bit 31 any content. */
export interface TokenMasks {
  readonly tokens: string[];
  readonly masks: Uint32Array;
  /** More than 31 distinct tokens: the field cannot be answered here. */
  overflow: boolean;
}

/** A filter the column store cannot answer (custom attributes, too many tokens): use SQL. */
export class UnsupportedByColumns extends Error {}

const anyContent = 0x8000_0000;

export function dayNumber(day: string | null): number {
  if (day === null || day.length < 10) return 0;
  return (
    Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10))
  );
}

type Bits = Uint32Array;

/** The contacts (as a bitset over positions) that match `node` at instant `at`. */
export function matchColumns(cols: AudienceColumns, node: AudienceNode, at: string): Bits {
  return evaluate(cols, node, at, undefined);
}

function wordsFor(cols: AudienceColumns): number {
  return (cols.size + 31) >>> 5;
}

function allBits(cols: AudienceColumns): Bits {
  const bits = new Uint32Array(wordsFor(cols)).fill(0xffff_ffff);
  const tail = cols.size & 31;
  if (tail !== 0) bits[bits.length - 1] = (1 << tail) - 1;
  return bits;
}

/** `within` limits the work to candidates already known (the running result of an `all`). */
function evaluate(cols: AudienceColumns, node: AudienceNode, at: string, within?: Bits): Bits {
  switch (node.kind) {
    case 'all': {
      const leaves = [...node.nodes].sort((a, b) => cost(cols, a) - cost(cols, b));
      let result = within;
      for (const n of leaves) result = evaluate(cols, n, at, result);
      return result ? (result === within ? result.slice() : result) : allBits(cols);
    }
    case 'any': {
      const out = new Uint32Array(wordsFor(cols));
      for (const n of node.nodes) {
        const bits = evaluate(cols, n, at, within);
        for (let w = 0; w < out.length; w += 1) out[w]! |= bits[w]!;
      }
      return out;
    }
    case 'not': {
      const inner = evaluate(cols, node.node, at, within);
      const base = within ?? allBits(cols);
      const out = new Uint32Array(base.length);
      for (let w = 0; w < out.length; w += 1) out[w] = base[w]! & ~inner[w]!;
      return out;
    }
    case 'messagedWithin':
      return new Uint32Array(wordsFor(cols));
    case 'audience':
      throw new Error(`audience '${node.name}' must be resolved before evaluation`);
    case 'condition':
      return evaluateCondition(cols, node, at, within);
  }
}

/** Cheapest first: bitmap-indexed text conditions, then scans, then combinators. */
function cost(cols: AudienceColumns, node: AudienceNode): number {
  if (node.kind !== 'condition') return 2;
  if (!(node.field in textFields)) return 1;
  return cols.text[node.field as TextField].values.length <= 256 ? 0 : 1;
}

/**
 * One bitset per value of a text field with at most 256 values (region, department, gender,
 * profession…), built on first use: eq/in/exists then OR a few bitsets instead of scanning.
 */
const bitmapCache = new WeakMap<Dictionary, Uint32Array[]>();
function valueBitmaps(dict: Dictionary, size: number): Uint32Array[] | undefined {
  if (dict.values.length > 256) return undefined;
  const known = bitmapCache.get(dict);
  if (known) return known;
  const words = (size + 31) >>> 5;
  const bitmaps = dict.values.map(() => new Uint32Array(words));
  const codes = dict.codes;
  for (let i = 0; i < size; i += 1) bitmaps[codes[i]!]![i >>> 5]! |= 1 << (i & 31);
  bitmapCache.set(dict, bitmaps);
  return bitmaps;
}

function evaluateCondition(
  cols: AudienceColumns,
  c: AudienceCondition,
  at: string,
  within: Bits | undefined,
): Bits {
  const out = new Uint32Array(wordsFor(cols));
  if (c.field in textFields) {
    const dict = cols.text[c.field as TextField];
    const lut = new Uint8Array(dict.values.length);
    for (let code = 1; code < dict.values.length; code += 1) {
      lut[code] = textMatches(c, dict.values[code]!) ? 1 : 0;
    }
    if (c.op === 'exists' && c.value === false) lut[0] = 1;
    const bitmaps = valueBitmaps(dict, cols.size);
    if (!bitmaps) {
      scanCodes(dict.codes, lut, out, within, cols.size);
      return out;
    }
    lut.forEach((hit, code) => {
      if (hit === 0) return;
      const bitmap = bitmaps[code]!;
      for (let w = 0; w < out.length; w += 1) out[w]! |= bitmap[w]!;
    });
    if (within) for (let w = 0; w < out.length; w += 1) out[w]! &= within[w]!;
    return out;
  }
  if (c.field === 'age') {
    if (c.op === 'exists')
      return scanRange(cols.birth, 1, 99_999_999, c.value === false, out, within, cols.size);
    const [min, max] = ageRange(c);
    const atDay = dayNumber(dayOf(at));
    const hi = min === null ? 99_999_999 : atDay - min * 10_000;
    const lo = max === null ? 1 : atDay - (max + 1) * 10_000 + 1;
    return scanRange(cols.birth, Math.max(lo, 1), hi, false, out, within, cols.size);
  }
  if (c.field === 'children') {
    if (c.op === 'exists')
      return scanRange(cols.children, 0, 127, c.value === false, out, within, cols.size);
    if (c.op === 'in') {
      const lut = new Uint8Array(256);
      for (const v of c.value as number[]) lut[v] = 1;
      const shifted = new Uint8Array(cols.children.buffer, cols.children.byteOffset, cols.size);
      scanCodes(shifted, lut, out, within, cols.size);
      return out;
    }
    const [lo, hi] = numericBounds(c);
    return scanRange(cols.children, Math.max(lo, 0), hi, false, out, within, cols.size);
  }
  if (c.field === 'lastInteraction') {
    if (c.op === 'exists')
      return scanRange(
        cols.lastInteraction,
        1,
        99_999_999,
        c.value === false,
        out,
        within,
        cols.size,
      );
    const [from, before] = dayRange(c, at);
    const lo = from === null ? 1 : dayNumber(from);
    const hi = before === null ? 99_999_999 : dayNumber(before) - 1;
    return scanRange(cols.lastInteraction, lo, hi, false, out, within, cols.size);
  }
  if (c.field === 'interests' || c.field === 'transport')
    return scanTokens(cols.multi[c.field], c, out, within, cols.size);
  throw new UnsupportedByColumns(`field ${c.field}`);
}

function numericBounds(c: AudienceCondition): [number, number] {
  const v = c.value;
  if (c.op === 'eq') return [v as number, v as number];
  if (c.op === 'gte') return [v as number, 127];
  if (c.op === 'lte') return [-128, v as number];
  const [lo, hi] = v as number[];
  return [lo!, hi!];
}

function textMatches(c: AudienceCondition, value: string): boolean {
  switch (c.op) {
    case 'exists':
      return c.value === true;
    case 'eq':
      return value === c.value;
    case 'in':
      return (c.value as readonly unknown[]).includes(value);
    case 'prefix':
      return value.startsWith(c.value as string);
    default:
      return false;
  }
}

function scanCodes(
  codes: Uint8Array | Uint16Array,
  lut: Uint8Array,
  out: Bits,
  within: Bits | undefined,
  size: number,
): void {
  for (let w = 0; w < out.length; w += 1) {
    let word = within ? within[w]! : -1;
    if (word === 0) continue;
    const base = w << 5;
    let hits = 0;
    if (!within || popcount(word) >= dense) {
      const end = Math.min(base + 32, size);
      for (let i = base; i < end; i += 1) hits |= lut[codes[i]!]! << (i - base);
      out[w] = hits & word;
      continue;
    }
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word ^= 1 << bit;
      hits |= lut[codes[base + bit]!]! << bit;
    }
    out[w] = hits;
  }
}

function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x5555_5555);
  x = (x & 0x3333_3333) + ((x >>> 2) & 0x3333_3333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f_0f0f, 0x0101_0101) >>> 24) & 0xff;
}

/** Words with at least this many candidates are tested position by position, branch-free. */
const dense = 10;

function scanRange(
  values: Int32Array | Int8Array,
  lo: number,
  hi: number,
  negate: boolean,
  out: Bits,
  within: Bits | undefined,
  size: number,
): Bits {
  const flip = negate ? 1 : 0;
  for (let w = 0; w < out.length; w += 1) {
    let word = within ? within[w]! : -1;
    if (word === 0) continue;
    const base = w << 5;
    let hits = 0;
    if (!within || popcount(word) >= dense) {
      const end = Math.min(base + 32, size);
      for (let i = base; i < end; i += 1) {
        const v = values[i]!;
        hits |= ((v >= lo && v <= hi ? 1 : 0) ^ flip) << (i - base);
      }
      out[w] = hits & word;
      continue;
    }
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word ^= 1 << bit;
      const v = values[base + bit]!;
      hits |= ((v >= lo && v <= hi ? 1 : 0) ^ flip) << bit;
    }
    out[w] = hits;
  }
  return out;
}

function scanTokens(
  field: TokenMasks,
  c: AudienceCondition,
  out: Bits,
  within: Bits | undefined,
  size: number,
): Bits {
  if (field.overflow) throw new UnsupportedByColumns('too many distinct tokens');
  let want = 0;
  let unknown = false;
  if (c.op === 'exists') want = anyContent;
  else {
    for (const t of c.value as string[]) {
      const bit = field.tokens.indexOf(t);
      if (bit < 0) unknown = true;
      else want |= 1 << bit;
    }
  }
  const all = c.op === 'allOf';
  if (all && unknown) return out;
  const negate = c.op === 'exists' && c.value === false ? 1 : 0;
  const masks = field.masks;
  // hit = all ? (m & want) === want : (m & want) !== 0, then xor negate; no closure in the loop.
  const target = all ? want : 0;
  const sense = all ? 1 : 0;
  const flip = 1 - sense;
  for (let w = 0; w < out.length; w += 1) {
    let word = within ? within[w]! : -1;
    if (word === 0) continue;
    const base = w << 5;
    let hits = 0;
    if (!within || popcount(word) >= dense) {
      const end = Math.min(base + 32, size);
      for (let i = base; i < end; i += 1) {
        const hit = ((masks[i]! & want) === target ? 1 : 0) ^ flip;
        hits |= (hit ^ negate) << (i - base);
      }
      out[w] = hits & word;
      continue;
    }
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word ^= 1 << bit;
      const hit = ((masks[base + bit]! & want) === target ? 1 : 0) ^ flip;
      hits |= (hit ^ negate) << bit;
    }
    out[w] = hits;
  }
  return out;
}

/** Builds the value bitsets of every small text field now rather than on a first count. */
export function indexAudienceColumns(cols: AudienceColumns): void {
  for (const dict of Object.values(cols.text)) valueBitmaps(dict, cols.size);
}
