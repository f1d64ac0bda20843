import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { type AudienceContact, evaluateAudience } from '../core/audience/evaluate-audience.ts';
import { parseAudienceFilter } from '../core/audience/parse-audience-filter.ts';
import {
  type ContactRowInput,
  contactRowArbitrary,
  filterArbitrary,
} from './audience-arbitraries.ts';
import {
  breakdownAudience,
  listAudienceIds,
  sampleAudience,
  tallyAudience,
} from './audience-counts.ts';
import type { Store } from './db.ts';
import type { Database } from './schema.ts';
import { forEachDatabase } from './test-databases.ts';

const at = '2026-11-28T10:00:00.000Z';
const created = '2026-01-01T00:00:00.000Z';

function toContact(row: ContactRowInput): AudienceContact {
  return {
    region: row.region,
    department: row.department,
    postalCode: row.postal_code,
    communeCode: row.commune_code,
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    gender: row.gender,
    children: row.children,
    profession: row.profession,
    income: row.income,
    housing: row.housing,
    transport: row.transport,
    interests: row.interests,
    custom: row.custom,
    consentBasis: row.consent_basis,
    lastInteractionAt: row.last_interaction_at,
    source: row.source,
  };
}

interface Extra {
  phone?: string;
  workspace_id?: string;
  list_id?: string | null;
  consent_status?: 'granted' | 'withdrawn' | 'none' | 'invalid';
  consent_valid_until?: string | null;
}

async function insertContacts(
  db: Kysely<Database>,
  rows: readonly (ContactRowInput & Extra)[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r, j) => ({
      workspace_id: 'default',
      list_id: null,
      phone: `+336${String(10_000_000 + i + j)}`,
      consent_status: 'granted' as const,
      consent_valid_until: '2029-01-01T00:00:00.000Z',
      created_at: created,
      updated_at: created,
      ...r,
    }));
    const inserted = await db.insertInto('contacts').values(chunk).returning('id').execute();
    ids.push(...inserted.map((r) => Number(r.id)));
  }
  return ids;
}

const blank: ContactRowInput = fc.sample(contactRowArbitrary, { numRuns: 1, seed: 1 })[0]!;

forEachDatabase(
  'SQL and in-memory evaluation agree on random contacts and filters',
  async (store: Store) => {
    // Random contacts, plus birthdays on the reference days' edges (28 Nov, 29 Feb, 1 Mar).
    const edges = Array.from({ length: 104 }, (_, i) => 1925 + i).flatMap((y) =>
      [`${y}-11-28`, `${y}-11-29`, `${y}-03-01`, ...(y % 4 === 0 ? [`${y}-02-29`] : [])].map(
        (birth_date) => ({ ...blank, birth_date }),
      ),
    );
    const rows = [...fc.sample(contactRowArbitrary, { numRuns: 300, seed: 42 }), ...edges];
    const ids = await insertContacts(store.db, rows);
    const contacts = rows.map(toContact);
    const ats = [at, '2028-02-29T23:30:00.000Z'];
    await fc.assert(
      fc.asyncProperty(filterArbitrary, fc.constantFrom(...ats), async (json, when) => {
        const filter = parseAudienceFilter(json);
        const scope = {
          db: store.db,
          caps: store.capabilities,
          workspaceId: 'default',
          filter,
          at: when,
        };
        const sqlIds = await listAudienceIds(scope);
        const memoryIds = ids.filter((_, i) => evaluateAudience(filter, contacts[i]!, when));
        assert.deepEqual(sqlIds, memoryIds, JSON.stringify(json));
      }),
      { numRuns: 150, seed: 7 },
    );
  },
);

forEachDatabase(
  'tallyAudience splits matches into reachable and exclusions (FR-CONS-07, OPT-01)',
  async (store: Store) => {
    const paris = { ...blank, department: '75', gender: 'F' as const, birth_date: '1990-05-01' };
    const rows: (ContactRowInput & Extra)[] = [
      { ...paris, phone: '+33600000001' },
      { ...paris, phone: '+33600000002' },
      { ...paris, phone: '+33600000003' }, // suppressed (STOP)
      { ...paris, phone: '+33600000004' }, // suppressed as invalid
      { ...paris, phone: '+33600000005', consent_status: 'withdrawn', consent_valid_until: null },
      { ...paris, phone: '+33600000006', consent_valid_until: '2026-11-28T09:59:59.999Z' }, // lapsed
      { ...paris, phone: '0600000007' }, // not E.164
      { ...paris, phone: '+33600000008' }, // STOP lifted: reachable again
      { ...paris, phone: '+33600000009', department: '92' }, // does not match
      { ...paris, phone: '+33600000010', list_id: 'list-1', source: 'list:list-1@1', gender: 'M' },
    ];
    await insertContacts(store.db, rows);
    await store.db
      .insertInto('suppressions')
      .values([
        {
          workspace_id: 'default',
          phone: '+33600000003',
          reason: 'stop',
          origin: 'mo',
          created_at: created,
        },
        {
          workspace_id: 'default',
          phone: '+33600000004',
          reason: 'invalid',
          origin: 'dlr',
          created_at: created,
        },
        {
          workspace_id: 'default',
          phone: '+33600000008',
          reason: 'stop',
          origin: 'mo',
          created_at: created,
          lifted_at: created,
        },
      ])
      .execute();
    const filter = parseAudienceFilter({
      all: [
        { field: 'department', in: ['75'] },
        { field: 'age', gte: 30 },
      ],
    });
    const scope = { db: store.db, caps: store.capabilities, workspaceId: 'default', filter, at };
    assert.deepEqual(await tallyAudience(scope), {
      matched: 9,
      reachable: 4,
      excluded: { suppressed: 1, noConsent: 2, invalid: 2 },
    });
    assert.deepEqual(await breakdownAudience(scope, ['gender', 'age', 'children']), {
      gender: { F: 3, M: 1 },
      age: { '35-44': 4 },
      children: blank.children === null ? { unknown: 4 } : { [String(blank.children)]: 4 },
    });
    const sample = await sampleAudience(scope, 10);
    assert.deepEqual(
      sample.map((s) => s.phone),
      ['+33600000001', '+33600000002', '+33600000008', '+33 ••••••• 10'],
    );
    assert.equal(sample[0]!.age, 36);
    const other = { ...scope, workspaceId: 'someone-else' };
    assert.equal((await tallyAudience(other)).matched, 0, 'workspace scoping');
  },
);
