import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAudienceFilter } from '../core/audience/parse-audience-filter.ts';
import { contactRowArbitrary, filterArbitrary } from './audience-arbitraries.ts';
import { createAudienceColumnCache } from './audience-column-cache.ts';
import { matchColumns, UnsupportedByColumns } from './audience-columns.ts';
import { breakdownAudience, listAudienceIds, tallyAudience } from './audience-counts.ts';
import type { Store } from './db.ts';
import { loadAudienceColumns } from './load-audience-columns.ts';
import { tallyColumns } from './tally-audience-columns.ts';
import { forEachDatabase } from './test-databases.ts';

const at = '2026-11-28T10:00:00.000Z';
const created = '2026-01-01T00:00:00.000Z';
const consent = fc.record({
  consent_status: fc.constantFrom(
    'granted' as const,
    'granted' as const,
    'withdrawn' as const,
    'none' as const,
  ),
  consent_valid_until: fc.constantFrom(
    null,
    '2029-01-01T00:00:00.000Z',
    '2026-11-28T09:59:59.999Z',
    at,
  ),
  suppression: fc.constantFrom(
    null,
    null,
    null,
    'stop' as const,
    'invalid' as const,
    'lifted' as const,
  ),
  e164: fc.constantFrom(true, true, true, true, false),
});

async function seed(store: Store): Promise<void> {
  const rows = fc.sample(contactRowArbitrary, { numRuns: 400, seed: 3 });
  const extras = fc.sample(consent, { numRuns: 400, seed: 4 });
  const values = rows.map((row, i) => {
    const { suppression, e164, ...state } = extras[i]!;
    const phone = `${e164 ? '+33' : '0'}6${String(10_000_000 + i)}`;
    return {
      ...row,
      ...state,
      workspace_id: 'default',
      list_id: null,
      phone,
      created_at: created,
      updated_at: created,
    };
  });
  for (let i = 0; i < values.length; i += 100) {
    await store.db
      .insertInto('contacts')
      .values(values.slice(i, i + 100))
      .execute();
  }
  const suppressions = values.flatMap((v, i) => {
    const kind = extras[i]!.suppression;
    if (kind === null) return [];
    return [
      {
        workspace_id: 'default',
        phone: v.phone,
        reason: kind === 'invalid' ? ('invalid' as const) : ('stop' as const),
        origin: 'test',
        created_at: created,
        lifted_at: kind === 'lifted' ? created : null,
      },
    ];
  });
  await store.db.insertInto('suppressions').values(suppressions).execute();
}

forEachDatabase(
  'the column store agrees with SQL on matches, tallies and breakdowns',
  async (store: Store) => {
    await seed(store);
    const cols = await loadAudienceColumns(store, 'default');
    assert.equal(cols.size, 400);
    const fields = ['region', 'age', 'children', 'gender', 'source', 'postalCode'];
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        filterArbitrary,
        fc.constantFrom(at, '2028-02-29T23:30:00.000Z'),
        async (json, when) => {
          const filter = parseAudienceFilter(json);
          let bits: Uint32Array;
          try {
            bits = matchColumns(cols, filter, when);
          } catch (error) {
            if (error instanceof UnsupportedByColumns) return;
            throw error;
          }
          answered += 1;
          const scope = {
            db: store.db,
            caps: store.capabilities,
            workspaceId: 'default',
            filter,
            at: when,
          };
          const ids = [...cols.ids].filter((_, i) => (bits[i >>> 5]! >>> (i & 31)) & 1);
          assert.deepEqual(ids, await listAudienceIds(scope), JSON.stringify(json));
          const { breakdown, ...tally } = tallyColumns(cols, bits, when, fields);
          assert.deepEqual(tally, await tallyAudience(scope), JSON.stringify(json));
          assert.deepEqual(breakdown, await breakdownAudience(scope, fields), JSON.stringify(json));
        },
      ),
      { numRuns: 80, seed: 5 },
    );
    assert.ok(answered > 40, `the column store answered only ${answered} filters`);
  },
);

forEachDatabase(
  'the column cache answers only while its fingerprint holds',
  async (store: Store) => {
    await seed(store);
    const cache = createAudienceColumnCache();
    const filter = parseAudienceFilter({ field: 'gender', eq: 'F' });
    assert.equal(await cache.answer(store, 'default', filter, at, []), undefined, 'cold cache');
    await cache.warm(store, 'default');
    const before = await cache.answer(store, 'default', filter, at, []);
    assert.ok(before);
    await store.db
      .updateTable('contacts')
      .set({ gender: 'F', updated_at: '2026-11-28T11:00:00.000Z' })
      .where('gender', 'is', null)
      .execute();
    assert.equal(
      await cache.answer(store, 'default', filter, at, []),
      undefined,
      'stale after an update',
    );
    await cache.warm(store, 'default');
    const after = await cache.answer(store, 'default', filter, at, []);
    const scope = { db: store.db, caps: store.capabilities, workspaceId: 'default', filter, at };
    assert.deepEqual(
      { ...after!, breakdown: undefined },
      { ...(await tallyAudience(scope)), breakdown: undefined },
    );
    assert.ok(after!.matched > before.matched);
    const { phone } = await store.db
      .selectFrom('contacts')
      .select('phone')
      .where('gender', '=', 'F')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await store.db.deleteFrom('suppressions').where('phone', '=', phone).execute();
    await cache.warm(store, 'default');
    await store.db
      .insertInto('suppressions')
      .values({
        workspace_id: 'default',
        phone,
        reason: 'stop',
        origin: 'mo',
        created_at: '2026-11-28T11:30:00.000Z',
      })
      .execute();
    assert.equal(
      await cache.answer(store, 'default', filter, at, []),
      undefined,
      'stale after a STOP',
    );
    // A new contact is seen by its id, even dated before the last change (an import's `now`).
    await cache.warm(store, 'default');
    assert.ok(await cache.answer(store, 'default', filter, at, []));
    await store.db
      .insertInto('contacts')
      .values({
        workspace_id: 'default',
        list_id: null,
        phone: '+33699999999',
        gender: 'F',
        source: 'first_party',
        consent_status: 'granted',
        consent_valid_until: '2029-01-01T00:00:00.000Z',
        created_at: created,
        updated_at: created,
      })
      .execute();
    assert.equal(
      await cache.answer(store, 'default', filter, at, []),
      undefined,
      'stale after a new contact',
    );
  },
);
