import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audienceFields } from '../../../src/core/audience/audience-fields.ts';
import { parseAudienceFilter } from '../../../src/core/audience/parse-audience-filter.ts';
import { filterFields } from './filter-fields.ts';
import { buildFilter, type FilterRow, findRowOfPath } from './filter-rows.ts';

const row = (field: FilterRow['field'], op: string, value: string, to = ''): FilterRow => ({
  field,
  op,
  value,
  to,
});

test('the builder offers exactly the fields and operators of the core', () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(filterFields).map(([k, v]) => [k, [...v.operators]])),
    Object.fromEntries(Object.entries(audienceFields).map(([k, v]) => [k, [...v.operators]])),
  );
});

test('rows become a filter the core accepts', () => {
  const table: Array<[FilterRow[], unknown[]]> = [
    [[row('department', 'in', '75, 92;93')], [{ field: 'department', in: ['75', '92', '93'] }]],
    [[row('age', 'between', '25', '34')], [{ field: 'age', between: [25, 34] }]],
    [[row('gender', 'eq', 'F')], [{ field: 'gender', eq: 'F' }]],
    [[row('postalCode', 'prefix', '750')], [{ field: 'postalCode', prefix: '750' }]],
    [
      [row('interests', 'anyOf', 'sport, cuisine')],
      [{ field: 'interests', anyOf: ['sport', 'cuisine'] }],
    ],
    [[row('children', 'gte', '1')], [{ field: 'children', gte: 1 }]],
    [[row('age', 'between', '25')], []], // incomplete: left out
    [[row('region', 'exists', '')], [{ field: 'region', exists: true }]],
  ];
  for (const [rows, all] of table) {
    const filter = buildFilter(rows);
    assert.deepEqual(filter.all, all);
    assert.doesNotThrow(() => parseAudienceFilter(filter), JSON.stringify(filter));
  }
});

test('an API problem path points back at its row, skipping rows left out', () => {
  const rows = [
    row('age', 'between', '25'),
    row('gender', 'eq', 'F'),
    row('department', 'eq', '7'),
  ];
  assert.equal(findRowOfPath('all[0].value', rows), 1);
  assert.equal(findRowOfPath('all[1].value', rows), 2);
  assert.equal(findRowOfPath('name', rows), undefined);
});
