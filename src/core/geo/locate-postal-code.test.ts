import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { buildPostalIndex, locatePostalCode } from './locate-postal-code.ts';

const read = (name: string) =>
  JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve(`@etalab/decoupage-administratif/data/${name}`),
      'utf8',
    ),
  );

test('postal code -> commune, département, region (official INSEE data)', () => {
  const regions = read('regions.json') as Array<{ code: string; nom: string }>;
  const index = buildPostalIndex(
    read('communes.json'),
    new Map(regions.map((r) => [r.code, r.nom])),
  );
  const cases: Array<[string, string | null, Partial<ReturnType<typeof locatePostalCode>> | null]> =
    [
      ['75011', null, { communeCode: '75056', commune: 'Paris', department: '75', region: '11' }],
      ['97400', null, { department: '974', region: '04' }],
      ['01400', null, { communeCode: null, department: '01', region: '84' }],
      ['01400', "L'Abergement-Clémenciat", { communeCode: '01001', department: '01' }],
      ['99999', null, null],
    ];
  for (const [cp, name, expected] of cases) {
    const place = locatePostalCode(index, cp, name);
    if (expected === null) assert.equal(place, null, cp);
    else
      for (const [k, v] of Object.entries(expected))
        assert.equal(place?.[k as 'region'], v, `${cp} ${k}`);
  }
});
