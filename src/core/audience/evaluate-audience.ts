import type { AudienceCondition, AudienceNode } from './audience-node.ts';
import { addDays, ageAt, birthBounds, dayOf, resolveDay } from './audience-ranges.ts';

/** The targeting attributes of one contact, as stored (multi-valued fields '|a|b|'). */
export interface AudienceContact {
  readonly region: string | null;
  readonly department: string | null;
  readonly postalCode: string | null;
  readonly communeCode: string | null;
  readonly birthDate: string | null;
  readonly birthYear: number | null;
  readonly gender: string | null;
  readonly children: number | null;
  readonly profession: string | null;
  readonly income: string | null;
  readonly housing: string | null;
  readonly transport: string | null;
  readonly interests: string | null;
  /** A JSON object as text, or null. */
  readonly custom: string | null;
  readonly consentBasis: string | null;
  readonly lastInteractionAt: string | null;
  readonly source: string | null;
  /** When the contact was last sent a message (ISO instant), when known. */
  readonly lastMessagedAt?: string | null;
}

const columns: Record<string, keyof AudienceContact> = {
  region: 'region',
  department: 'department',
  postalCode: 'postalCode',
  commune: 'communeCode',
  gender: 'gender',
  children: 'children',
  profession: 'profession',
  income: 'income',
  housing: 'housing',
  transport: 'transport',
  interests: 'interests',
  consentBasis: 'consentBasis',
  lastInteraction: 'lastInteractionAt',
  source: 'source',
};

/**
 * Whether one contact matches a filter at reference instant `at` (ISO). The reference semantics
 * the SQL compiler and the column store follow: a condition on a missing value is false (so `not`
 * of it is true); text is compared exactly, tokens of multi-valued fields case-insensitively.
 * `audience` nodes must have been resolved first (resolveAudienceRefs).
 */
export function evaluateAudience(
  node: AudienceNode,
  contact: AudienceContact,
  at: string,
): boolean {
  switch (node.kind) {
    case 'all':
      return node.nodes.every((n) => evaluateAudience(n, contact, at));
    case 'any':
      return node.nodes.some((n) => evaluateAudience(n, contact, at));
    case 'not':
      return !evaluateAudience(node.node, contact, at);
    case 'messagedWithin': {
      const since = new Date(Date.parse(at) - node.days * 86_400_000).toISOString();
      return contact.lastMessagedAt != null && contact.lastMessagedAt >= since;
    }
    case 'audience':
      throw new Error(`audience '${node.name}' must be resolved before evaluation`);
    case 'condition':
      return evaluateCondition(node, contact, at);
  }
}

function evaluateCondition(c: AudienceCondition, contact: AudienceContact, at: string): boolean {
  if (c.field === 'age') return evaluateAge(c, contact, dayOf(at));
  if (c.field.startsWith('custom.'))
    return evaluateCustom(c, customValue(contact, c.field.slice(7)));
  const value = contact[columns[c.field]!] ?? null;
  if (value === null || value === '') return c.op === 'exists' && c.value === false;
  if (c.field === 'lastInteraction') return evaluateDay(c, String(value), at);
  if (c.field === 'transport' || c.field === 'interests') {
    const text = String(value).toLowerCase();
    const has = (t: string | number) => text.includes(`|${t}|`);
    if (c.op === 'exists') return text.replaceAll('|', '').length > 0 === c.value;
    const tokens = c.value as readonly string[];
    return c.op === 'anyOf' ? tokens.some(has) : tokens.every(has);
  }
  return compareScalar(c, value as string | number);
}

function compareScalar(c: AudienceCondition, value: string | number): boolean {
  const v = c.value;
  switch (c.op) {
    case 'exists':
      return v === true;
    case 'eq':
      return value === v;
    case 'in':
      return (v as readonly (string | number)[]).includes(value);
    case 'prefix':
      return typeof value === 'string' && value.startsWith(v as string);
    case 'gte':
      return value >= (v as string | number);
    case 'lte':
      return value <= (v as string | number);
    case 'between': {
      const [low, high] = v as readonly (string | number)[];
      return value >= low! && value <= high!;
    }
    default:
      return false;
  }
}

function evaluateAge(c: AudienceCondition, contact: AudienceContact, atDay: string): boolean {
  const age = ageAt(contact.birthDate, contact.birthYear, atDay);
  if (age === null) return c.op === 'exists' && c.value === false;
  if (c.op === 'exists') return c.value === true;
  const [min, max] = ageRange(c);
  const b = birthBounds(min, max, atDay);
  if (contact.birthDate !== null) {
    return (
      (b.dateAtMost === undefined || contact.birthDate <= b.dateAtMost) &&
      (b.dateAfter === undefined || contact.birthDate > b.dateAfter)
    );
  }
  const year = contact.birthYear!;
  return (
    (b.yearAtMost === undefined || year <= b.yearAtMost) &&
    (b.yearAtLeast === undefined || year >= b.yearAtLeast)
  );
}

/** The [min, max] ages of an age condition (null: unbounded). */
export function ageRange(c: AudienceCondition): [number | null, number | null] {
  const v = c.value;
  if (c.op === 'eq') return [v as number, v as number];
  if (c.op === 'gte') return [v as number, null];
  if (c.op === 'lte') return [null, v as number];
  const [low, high] = v as readonly number[];
  return [low!, high!];
}

/** The [from, before) day range of a date condition ('YYYY-MM-DD' bounds, either may be null). */
export function dayRange(c: AudienceCondition, at: string): [string | null, string | null] {
  const v = c.value;
  if (c.op === 'gte') return [resolveDay(v as string, at), null];
  if (c.op === 'lte') return [null, addDays(resolveDay(v as string, at), 1)];
  const [low, high] = v as readonly string[];
  return [resolveDay(low!, at), addDays(resolveDay(high!, at), 1)];
}

function evaluateDay(c: AudienceCondition, value: string, at: string): boolean {
  if (c.op === 'exists') return c.value === true;
  const [from, before] = dayRange(c, at);
  return (from === null || value >= from) && (before === null || value < before);
}

function customValue(contact: AudienceContact, key: string): unknown {
  if (contact.custom === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(contact.custom);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)[key]
      : undefined;
  } catch {
    return undefined;
  }
}

function evaluateCustom(c: AudienceCondition, value: unknown): boolean {
  if (c.op === 'exists') return (value !== undefined && value !== null) === c.value;
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  if (c.op === 'eq' || c.op === 'in') {
    const wanted = c.op === 'eq' ? [c.value] : (c.value as readonly unknown[]);
    return wanted.some((w) => typeof w === typeof value && w === value);
  }
  if (c.op === 'prefix') return typeof value === 'string' && value.startsWith(c.value as string);
  return typeof value === 'number' && compareScalar(c, value);
}
