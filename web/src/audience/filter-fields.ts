/**
 * The targeting fields and their operators as the filter builder offers them: the vocabulary
 * of src/core/audience/audience-fields.ts (a test keeps the two equal), without its zod
 * validators so the bundle stays small; the API validates every filter.
 */
export const filterFields = {
  region: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  department: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  postalCode: { kind: 'text', operators: ['eq', 'in', 'prefix', 'exists'] },
  commune: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  age: { kind: 'age', operators: ['eq', 'between', 'gte', 'lte', 'exists'] },
  gender: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  children: { kind: 'integer', operators: ['eq', 'in', 'between', 'gte', 'lte', 'exists'] },
  profession: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  income: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  housing: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  transport: { kind: 'multi', operators: ['anyOf', 'allOf', 'exists'] },
  interests: { kind: 'multi', operators: ['anyOf', 'allOf', 'exists'] },
  consentBasis: { kind: 'category', operators: ['eq', 'in', 'exists'] },
  lastInteraction: { kind: 'date', operators: ['between', 'gte', 'lte', 'exists'] },
  source: { kind: 'text', operators: ['eq', 'in', 'prefix', 'exists'] },
} as const satisfies Record<string, { kind: string; operators: readonly string[] }>;

export type FilterFieldName = keyof typeof filterFields;
