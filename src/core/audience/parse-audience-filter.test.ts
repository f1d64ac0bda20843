import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../domain-error.ts';
import { parseAudienceFilter, parseAudienceName } from './parse-audience-filter.ts';

const issueExample = {
  all: [
    { field: 'department', in: ['75', '92'] },
    { field: 'age', between: [25, 34] },
    { field: 'gender', eq: 'F' },
    { field: 'interests', anyOf: ['sport', 'mode'] },
  ],
};

test('parseAudienceFilter accepts the Contract example and normalises it', () => {
  const node = parseAudienceFilter(issueExample);
  assert.equal(node.kind, 'all');
  assert.deepEqual(node.kind === 'all' && node.nodes[1], {
    kind: 'condition',
    field: 'age',
    op: 'between',
    value: [25, 34],
  });
});

test('parseAudienceFilter accepts every node kind', () => {
  const good: unknown[] = [
    { all: [] },
    { any: [{ field: 'region', eq: '11' }, { not: { field: 'children', gte: 1 } }] },
    { field: 'postalCode', prefix: '75' },
    { field: 'commune', in: ['75056', '2A004'] },
    { field: 'lastInteraction', gte: '-90d' },
    { field: 'lastInteraction', between: ['2026-01-01', '2026-06-30'] },
    { field: 'custom.loyalty', between: [1, 5] },
    { field: 'custom.tier', eq: 'gold' },
    { field: 'source', prefix: 'list:' },
    { field: 'transport', allOf: ['velo', 'train'] },
    { field: 'gender', exists: false },
    { audience: 'VIP Paris' },
    { not: { messagedWithinDays: 7 } },
  ];
  for (const filter of good)
    assert.doesNotThrow(() => parseAudienceFilter(filter), JSON.stringify(filter));
});

function deep(levels: number): unknown {
  let node: unknown = { field: 'gender', eq: 'F' };
  for (let i = 0; i < levels; i += 1) node = { not: node };
  return node;
}

test('parseAudienceFilter refuses bad filters naming the path', () => {
  const cases: Array<[unknown, RegExp]> = [
    [
      { all: [{ field: 'gender', eq: 'F' }, {}, { field: 'age', between: [40, 30] }] },
      /at all\[1\]: /,
    ],
    [
      {
        all: [
          { field: 'gender', eq: 'F' },
          { field: 'x', eq: 1 },
        ],
      },
      /at all\[1\]\.field: unknown field 'x'/,
    ],
    [
      { all: [{ field: 'a' }, { field: 'age', eq: 1 }, { field: 'age', between: [40, 30] }] },
      /all\[0\]\.field/,
    ],
    [
      {
        all: [
          { field: 'age', eq: 3 },
          { field: 'gender', eq: 'F' },
          { field: 'age', between: [40, 30] },
        ],
      },
      /at all\[2\]\.between: the first bound/,
    ],
    [
      {
        all: [
          { field: 'age', eq: 3 },
          { field: 'gender', eq: 'F' },
          { field: 'age', between: [1, 'x'] },
        ],
      },
      /at all\[2\]\.between\[1\]/,
    ],
    [
      { field: 'gender', between: ['F', 'M'] },
      /at between: operator 'between' does not apply to field 'gender'/,
    ],
    [{ field: 'age', eq: '30' }, /at eq: /],
    [{ field: 'gender', eq: 'Q' }, /at eq: /],
    [{ field: 'interests', anyOf: [] }, /at anyOf: /],
    [{ field: 'interests', anyOf: ['Sport%'] }, /at anyOf\[0\]: must be a lowercase token/],
    [{ field: 'age', gte: 1, lte: 2 }, /exactly one operator/],
    [{ field: 'age', like: 3 }, /at like: unknown operator/],
    [{ field: 'custom.x-y', eq: 1 }, /unknown field 'custom.x-y'/],
    [{ field: 'custom.score', gte: 'abc' }, /at gte: /],
    [{ any: { field: 'age', eq: 1 } }, /at any: must be a list/],
    [{ foo: [] }, /at foo: unknown node/],
    [{ all: [], any: [] }, /exactly one of/],
    [[1], /\(root\): must be an object/],
    [deep(9), /too deep/],
    [{ any: Array.from({ length: 201 }, () => ({ field: 'gender', eq: 'F' })) }, /too many nodes/],
    [{ field: 'department', in: Array.from({ length: 501 }, () => '75') }, /at in: /],
    [{ messagedWithinDays: 0 }, /at messagedWithinDays: /],
    [{ audience: '' }, /at audience: /],
  ];
  for (const [filter, pattern] of cases) {
    assert.throws(
      () => parseAudienceFilter(filter),
      (e: unknown) =>
        e instanceof DomainError && e.code === 'invalid_input' && pattern.test(e.message),
      `${JSON.stringify(filter).slice(0, 120)} should match ${pattern}`,
    );
  }
});

test('parseAudienceFilter lists every problem in details', () => {
  try {
    parseAudienceFilter({
      all: [
        { field: 'nope', eq: 1 },
        { field: 'age', eq: -1 },
      ],
    });
    assert.fail('should throw');
  } catch (e) {
    const issues = (e as DomainError).details as { issues: { path: string }[] };
    assert.deepEqual(
      issues.issues.map((i) => i.path),
      ['all[0].field', 'all[1].eq'],
    );
  }
});

test('audience names as marketers write them; no / or \\ (a path segment of the API)', () => {
  for (const name of [
    'Paris',
    'Clientes d’Île-de-France (25–44)',
    'Fête des mères, 2027 !',
    '75 & 92',
  ]) {
    assert.equal(parseAudienceName(name), name);
  }
  for (const name of ['', ' Paris', 'Paris/Lyon', 'a\\b', '(Paris)', 'x'.repeat(81), 'Paris\n']) {
    assert.throws(() => parseAudienceName(name), /invalid audience name/, JSON.stringify(name));
  }
});
