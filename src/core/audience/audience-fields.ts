import { z } from 'zod';

/** The operators a filter condition may use. */
export const audienceOperators = [
  'eq',
  'in',
  'between',
  'gte',
  'lte',
  'prefix',
  'anyOf',
  'allOf',
  'exists',
] as const;
export type AudienceOperator = (typeof audienceOperators)[number];

/**
 * How a field is matched: `category` exact text, `text` exact text or prefix, `integer` whole
 * numbers, `age` years computed at the reference date, `multi` '|'-delimited tokens, `date` an
 * ISO timestamp compared by day, `custom` one key of the contact's custom JSON object.
 */
export type AudienceFieldKind =
  | 'category'
  | 'text'
  | 'integer'
  | 'age'
  | 'multi'
  | 'date'
  | 'custom';

export interface AudienceField {
  readonly kind: AudienceFieldKind;
  readonly operators: readonly AudienceOperator[];
  /** The schema of one scalar value (a list operator takes a list of these). */
  readonly value: z.ZodType<string | number>;
  /** The schema of a `prefix` value, when the field takes one. */
  readonly prefix?: z.ZodType<string>;
  /** Whether a count may be broken down by this field (categorical fields and age bands). */
  readonly breakdown: boolean;
}

const label = z.string().min(1).max(100);
const token = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a lowercase token (a-z, 0-9, -)');
const isoDay = z
  .string()
  .regex(
    /^(\d{4}-\d{2}-\d{2}|-\d{1,5}d)$/,
    'must be a day YYYY-MM-DD or a number of days before the reference date like -90d',
  );
const categorical = ['eq', 'in', 'exists'] as const;
const numeric = ['eq', 'in', 'between', 'gte', 'lte', 'exists'] as const;

function category(value: z.ZodType<string> = label): AudienceField {
  return { kind: 'category', operators: categorical, value, breakdown: true };
}

/** The targeting fields, named as the import names them (camelCase). */
export const audienceFields = {
  region: category(),
  department: category(z.string().regex(/^(\d{2}|2A|2B|97\d)$/, 'must be a département code')),
  postalCode: {
    kind: 'text',
    operators: ['eq', 'in', 'prefix', 'exists'],
    value: z.string().regex(/^\d{5}$/, 'must be a 5-digit postal code'),
    prefix: z.string().regex(/^\d{1,5}$/, 'must be 1 to 5 digits'),
    breakdown: true,
  },
  commune: category(z.string().regex(/^\d[\dAB]\d{3}$/, 'must be an INSEE commune code')),
  age: {
    kind: 'age',
    operators: ['eq', 'between', 'gte', 'lte', 'exists'],
    value: z.number().int().min(0).max(130),
    breakdown: true,
  },
  gender: category(z.enum(['F', 'M', 'X'])),
  children: {
    kind: 'integer',
    operators: numeric,
    value: z.number().int().min(0).max(30),
    breakdown: true,
  },
  profession: category(),
  income: category(),
  housing: category(),
  transport: {
    kind: 'multi',
    operators: ['anyOf', 'allOf', 'exists'],
    value: token,
    breakdown: false,
  },
  interests: {
    kind: 'multi',
    operators: ['anyOf', 'allOf', 'exists'],
    value: token,
    breakdown: false,
  },
  consentBasis: category(),
  lastInteraction: {
    kind: 'date',
    operators: ['between', 'gte', 'lte', 'exists'],
    value: isoDay,
    breakdown: false,
  },
  source: {
    kind: 'text',
    operators: ['eq', 'in', 'prefix', 'exists'],
    value: label,
    prefix: label,
    breakdown: true,
  },
} as const satisfies Record<string, AudienceField>;

export type AudienceFieldName = keyof typeof audienceFields | `custom.${string}`;

/** Custom attributes: `custom.<key>`, string or number values. */
export const customField: AudienceField = {
  kind: 'custom',
  operators: ['eq', 'in', 'between', 'gte', 'lte', 'prefix', 'exists'],
  value: z.union([z.string().min(1).max(100), z.number().finite()]),
  prefix: z.string().min(1).max(100),
  breakdown: false,
};

export const customKeyPattern = /^custom\.([A-Za-z][A-Za-z0-9_]{0,39})$/;

/** The catalogue entry of a field name, or undefined when the field is unknown. */
export function findAudienceField(name: string): AudienceField | undefined {
  if (Object.hasOwn(audienceFields, name)) {
    return audienceFields[name as keyof typeof audienceFields];
  }
  return customKeyPattern.test(name) ? customField : undefined;
}
