import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainError } from '../domain-error.ts';
import { ageAt, ageBandOf, resolveDay } from './audience-ranges.ts';
import { type AudienceContact, evaluateAudience } from './evaluate-audience.ts';
import { parseAudienceFilter } from './parse-audience-filter.ts';
import { resolveAudienceRefs } from './resolve-audience-refs.ts';

const at = '2026-11-28T10:00:00.000Z';
const marie: AudienceContact = {
  region: '11',
  department: '75',
  postalCode: '75011',
  communeCode: '75056',
  birthDate: '1996-11-28',
  birthYear: 1996,
  gender: 'F',
  children: 2,
  profession: '3',
  income: '30-45k',
  housing: 'owner',
  transport: '|velo|metro|',
  interests: '|Sport|mode|',
  custom: '{"tier":"gold","score":7,"vip":true}',
  consentBasis: 'consent',
  lastInteractionAt: '2026-09-01T08:00:00.000Z',
  source: 'first_party',
  lastMessagedAt: '2026-11-25T09:00:00.000Z',
};
const blank: AudienceContact = {
  region: null,
  department: null,
  postalCode: null,
  communeCode: null,
  birthDate: null,
  birthYear: 1990,
  gender: null,
  children: null,
  profession: null,
  income: null,
  housing: null,
  transport: null,
  interests: '||',
  custom: null,
  consentBasis: null,
  lastInteractionAt: null,
  source: 'list:abc@3',
};

// [filter, marie matches, blank matches]
const cases: Array<[unknown, boolean, boolean]> = [
  [{ all: [] }, true, true],
  [{ any: [] }, false, false],
  [{ field: 'department', in: ['75', '92'] }, true, false],
  [{ not: { field: 'department', in: ['75', '92'] } }, false, true],
  [{ field: 'age', eq: 30 }, true, false], // 30 today, birthday on `at`
  [{ field: 'age', between: [25, 29] }, false, false],
  [{ field: 'age', eq: 36 }, false, true], // year only: born 1 Jan 1990
  [{ field: 'age', gte: 36 }, false, true],
  [{ field: 'age', exists: true }, true, true],
  [{ field: 'gender', eq: 'F' }, true, false],
  [{ field: 'gender', exists: false }, false, true],
  [{ field: 'children', between: [1, 3] }, true, false],
  [{ field: 'children', lte: 1 }, false, false],
  [{ field: 'postalCode', prefix: '750' }, true, false],
  [{ field: 'commune', eq: '75056' }, true, false],
  [{ field: 'interests', anyOf: ['sport', 'cuisine'] }, true, false], // tokens ignore case
  [{ field: 'interests', allOf: ['sport', 'cuisine'] }, false, false],
  [{ field: 'interests', exists: true }, true, false], // '||' holds no token
  [{ field: 'transport', allOf: ['velo', 'metro'] }, true, false],
  [{ field: 'lastInteraction', gte: '-90d' }, true, false],
  [{ field: 'lastInteraction', lte: '2026-09-01' }, true, false], // the whole day counts
  [{ field: 'lastInteraction', between: ['2026-01-01', '2026-08-31'] }, false, false],
  [{ field: 'source', prefix: 'list:abc@' }, false, true],
  [{ field: 'custom.tier', eq: 'gold' }, true, false],
  [{ field: 'custom.score', between: [5, 9] }, true, false],
  [{ field: 'custom.score', eq: '7' }, false, false], // a string never equals a number
  [{ field: 'custom.vip', exists: true }, true, false],
  [{ field: 'custom.vip', eq: 'true' }, false, false],
  [{ messagedWithinDays: 7 }, true, false],
  [{ not: { messagedWithinDays: 2 } }, true, true],
];

test('evaluateAudience on one contact (table)', () => {
  for (const [filter, forMarie, forBlank] of cases) {
    const node = parseAudienceFilter(filter);
    assert.equal(evaluateAudience(node, marie, at), forMarie, `marie: ${JSON.stringify(filter)}`);
    assert.equal(evaluateAudience(node, blank, at), forBlank, `blank: ${JSON.stringify(filter)}`);
  }
});

test('ageAt counts birthdays to the day, 29 February on 1 March', () => {
  const table: Array<[string | null, number | null, string, number | null]> = [
    ['1996-11-28', null, '2026-11-28', 30],
    ['1996-11-29', null, '2026-11-28', 29],
    ['2008-02-29', null, '2026-02-28', 17],
    ['2008-02-29', null, '2026-03-01', 18],
    ['2008-02-29', null, '2028-02-29', 20],
    [null, 1990, '2026-01-01', 36],
    [null, null, '2026-01-01', null],
  ];
  for (const [date, year, day, age] of table) assert.equal(ageAt(date, year, day), age);
});

test('ageBandOf and resolveDay', () => {
  assert.deepEqual([17, 18, 24, 25, 34, 35, 54, 64, 65, null].map(ageBandOf), [
    '<18',
    '18-24',
    '18-24',
    '25-34',
    '25-34',
    '35-44',
    '45-54',
    '55-64',
    '65+',
    'unknown',
  ]);
  assert.equal(resolveDay('-90d', at), '2026-08-30');
  assert.equal(resolveDay('2026-01-05', at), '2026-01-05');
});

test('resolveAudienceRefs inlines saved audiences and refuses cycles and unknown names', () => {
  const saved = new Map([
    ['paris', parseAudienceFilter({ field: 'department', eq: '75' })],
    ['loop', parseAudienceFilter({ audience: 'loop2' })],
    ['loop2', parseAudienceFilter({ audience: 'loop' })],
  ]);
  const lookup = (name: string) => saved.get(name);
  const node = resolveAudienceRefs(parseAudienceFilter({ not: { audience: 'paris' } }), lookup);
  assert.equal(evaluateAudience(node, marie, at), false);
  assert.equal(evaluateAudience(node, blank, at), true);
  const code = (filter: unknown) => {
    try {
      resolveAudienceRefs(parseAudienceFilter(filter), lookup);
      return 'ok';
    } catch (e) {
      return (e as DomainError).code;
    }
  };
  assert.equal(code({ audience: 'loop' }), 'invalid_input');
  assert.equal(code({ audience: 'nobody' }), 'not_found');
});
