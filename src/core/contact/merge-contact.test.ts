import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contactValueKeys, mergeContact, sameContact } from './merge-contact.ts';
import type { ContactValues } from './normalise-contact.ts';

const blank = Object.fromEntries(
  contactValueKeys.map((k) => [k, null]),
) as unknown as ContactValues;
const stored: ContactValues = {
  ...blank,
  phone: '+33612345678',
  first_name: 'Jean',
  last_name: 'Dupont',
  postal_code: '75011',
  commune_code: '75111',
  commune: 'Paris 11e Arrondissement',
  department: '75',
  region: '11',
  region_name: 'Île-de-France',
  custom: '{"club":"or"}',
  source: 'first_party',
  last_interaction_at: '2026-06-01T10:00:00.000Z',
};
const row = (values: Partial<ContactValues>): ContactValues => ({
  ...blank,
  phone: stored.phone,
  ...values,
});

test('merging a row into a stored contact', () => {
  const cases: Array<[string, Partial<ContactValues>, Partial<ContactValues>]> = [
    ['blanks keep what is known', {}, {}],
    ['the same values change nothing', { first_name: 'Jean', custom: '{"club":"or"}' }, {}],
    ['a newer known value wins', { first_name: 'Jean-Marc' }, { first_name: 'Jean-Marc' }],
    ['the first source stays', { source: 'list_provider' }, {}],
    [
      'custom attributes merge key by key',
      { custom: '{"age":"40"}' },
      { custom: '{"age":"40","club":"or"}' },
    ],
    [
      'an older interaction is not the last',
      { last_interaction_at: '2026-01-01T10:00:00.000Z' },
      {},
    ],
    [
      'a later interaction is',
      { last_interaction_at: '2026-09-01T10:00:00.000Z' },
      { last_interaction_at: '2026-09-01T10:00:00.000Z' },
    ],
    [
      'a new postal code without its place drops the old place',
      { postal_code: '99999' },
      {
        postal_code: '99999',
        commune_code: null,
        commune: null,
        department: null,
        region: null,
        region_name: null,
      },
    ],
  ];
  for (const [name, incoming, changes] of cases) {
    const merged = mergeContact(stored, row(incoming));
    assert.deepEqual(merged, { ...stored, ...changes }, name);
    assert.equal(sameContact(stored, merged), Object.keys(changes).length === 0, name);
    // Nothing new: the stored values themselves come back (no copy for a file imported again).
    if (Object.keys(changes).length === 0) assert.equal(merged, stored, name);
  }
});
