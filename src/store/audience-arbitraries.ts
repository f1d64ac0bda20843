import fc from 'fast-check';

/**
 * fast-check generators of contacts rows and filters over a small shared vocabulary, so that
 * random filters often match: used by the SQL-vs-memory property tests and the column-store test.
 */
export interface ContactRowInput {
  region: string | null;
  department: string | null;
  postal_code: string | null;
  commune_code: string | null;
  birth_date: string | null;
  birth_year: number | null;
  gender: 'F' | 'M' | 'X' | null;
  children: number | null;
  profession: string | null;
  income: string | null;
  housing: string | null;
  transport: string | null;
  interests: string | null;
  custom: string | null;
  consent_basis: string | null;
  last_interaction_at: string | null;
  source: string;
}

const vocab = {
  region: ['11', '84', '93'],
  department: ['75', '92', '13', '2A', '971'],
  postalCode: ['75011', '75001', '92100', '13001'],
  commune: ['75056', '92012', '13055'],
  profession: ['1', '3', '5', '7'],
  income: ['<15k', '15-30k', '30-45k'],
  housing: ['owner', 'tenant'],
  consentBasis: ['consent', 'soft_opt_in'],
  source: ['first_party', 'list:abc@1', 'list:abd@2'],
  interests: ['sport', 'mode', 'cuisine', 'voyage'],
  transport: ['velo', 'voiture', 'metro'],
};

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(fc.constant(null), arb);
const pick = (values: readonly string[]) => fc.constantFrom(...values);
const orEmpty = (values: readonly string[]) => maybe(fc.oneof(pick(values), fc.constant('')));
const day = fc
  .record({
    y: fc.integer({ min: 1925, max: 2020 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .chain(({ y, m, d }) =>
    fc.constantFrom(
      `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      `${y - (y % 4)}-02-29`,
      `${y}-11-28`,
      `${y}-11-29`,
    ),
  );
const tokens = (values: readonly string[]) =>
  maybe(
    fc.oneof(
      fc.constantFrom('', '||'),
      fc
        .subarray([...values, values[0]!.toUpperCase()], { minLength: 1 })
        .map((t) => `|${t.join('|')}|`),
    ),
  );
const custom = maybe(
  fc.oneof(
    fc.constant('{}'),
    fc
      .record(
        {
          tier: fc.constantFrom('gold', 'silver', 5, true, null),
          score: fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom('7', 2.5)),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
  ),
);
const instant = fc
  .integer({ min: Date.parse('2023-01-01'), max: Date.parse('2026-12-31') })
  .chain((t) =>
    fc.constantFrom(
      new Date(t).toISOString(),
      `${new Date(t).toISOString().slice(0, 10)}T00:00:00.000Z`,
    ),
  );

export const contactRowArbitrary: fc.Arbitrary<ContactRowInput> = fc.record({
  region: orEmpty(vocab.region),
  department: maybe(pick(vocab.department)),
  postal_code: maybe(pick(vocab.postalCode)),
  commune_code: maybe(pick(vocab.commune)),
  birth_date: maybe(day),
  birth_year: maybe(fc.integer({ min: 1925, max: 2020 })),
  gender: maybe(fc.constantFrom('F' as const, 'M' as const, 'X' as const)),
  children: maybe(fc.integer({ min: 0, max: 4 })),
  profession: orEmpty(vocab.profession),
  income: maybe(pick(vocab.income)),
  housing: orEmpty(vocab.housing),
  transport: tokens(vocab.transport),
  interests: tokens(vocab.interests),
  custom,
  consent_basis: maybe(pick(vocab.consentBasis)),
  last_interaction_at: maybe(instant),
  source: pick(vocab.source),
});

const ageValue = fc.integer({ min: 0, max: 100 });
const range = <T extends number | string>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, arb).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
const dayValue = fc.oneof(
  fc.constantFrom('2026-11-28', '2026-01-01', '2025-06-15', '2024-02-29'),
  fc.integer({ min: 0, max: 900 }).map((n) => `-${n}d`),
);
const categorical = (field: string, values: readonly string[]) =>
  fc.oneof(
    pick(values).map((v) => ({ field, eq: v })),
    fc.subarray([...values], { minLength: 1 }).map((v) => ({ field, in: v })),
    fc.boolean().map((v) => ({ field, exists: v })),
  );
const numeric = (field: string, arb: fc.Arbitrary<number>) =>
  fc.oneof(
    arb.map((v) => ({ field, eq: v })),
    arb.map((v) => ({ field, gte: v })),
    arb.map((v) => ({ field, lte: v })),
    range(arb).map((v) => ({ field, between: v })),
    fc.boolean().map((v) => ({ field, exists: v })),
  );
const multi = (field: string, values: readonly string[]) =>
  fc.oneof(
    fc.subarray([...values], { minLength: 1 }).map((v) => ({ field, anyOf: v })),
    fc.subarray([...values], { minLength: 1 }).map((v) => ({ field, allOf: v })),
    fc.boolean().map((v) => ({ field, exists: v })),
  );

/** Conditions at the edges of day arithmetic: ages and last-interaction days. */
export const dayConditionArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  numeric('age', ageValue),
  fc.oneof(
    dayValue.map((v) => ({ field: 'lastInteraction', gte: v })),
    dayValue.map((v) => ({ field: 'lastInteraction', lte: v })),
  ),
);

const condition: fc.Arbitrary<unknown> = fc.oneof(
  categorical('region', vocab.region),
  categorical('department', vocab.department),
  categorical('commune', vocab.commune),
  categorical('gender', ['F', 'M', 'X']),
  categorical('profession', vocab.profession),
  categorical('income', vocab.income),
  categorical('housing', vocab.housing),
  categorical('consentBasis', vocab.consentBasis),
  categorical('source', vocab.source),
  categorical('postalCode', vocab.postalCode),
  fc.constantFrom('7', '75', '750', '9210').map((p) => ({ field: 'postalCode', prefix: p })),
  fc.constantFrom('list:', 'list:abc@', 'first').map((p) => ({ field: 'source', prefix: p })),
  numeric('age', ageValue).filter((c) => !('in' in c)),
  numeric('children', fc.integer({ min: 0, max: 4 })),
  fc.subarray([0, 1, 2, 3], { minLength: 1 }).map((v) => ({ field: 'children', in: v })),
  multi('interests', vocab.interests),
  multi('transport', vocab.transport),
  fc.oneof(
    dayValue.map((v) => ({ field: 'lastInteraction', gte: v })),
    dayValue.map((v) => ({ field: 'lastInteraction', lte: v })),
    fc.tuple(dayValue, dayValue).map(([a, b]) => ({
      field: 'lastInteraction',
      between: a.startsWith('-') || b.startsWith('-') || a <= b ? [a, b] : [b, a],
    })),
    fc.boolean().map((v) => ({ field: 'lastInteraction', exists: v })),
  ),
  fc.oneof(
    fc.constantFrom('gold', 'silver', 5, '5').map((v) => ({ field: 'custom.tier', eq: v })),
    fc.constant({ field: 'custom.tier', in: ['gold', 5] }),
    fc.constant({ field: 'custom.tier', prefix: 'go' }),
    numeric('custom.score', fc.integer({ min: -2, max: 10 })),
    fc.boolean().map((v) => ({ field: 'custom.tier', exists: v })),
  ),
);

/** A random filter in its JSON form, at most four levels deep. */
export const filterArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.array(tie('node'), { maxLength: 3 }).map((nodes) => ({ all: nodes })),
    fc.array(tie('node'), { maxLength: 3 }).map((nodes) => ({ any: nodes })),
    tie('node').map((node) => ({ not: node })),
  ),
})).node;
