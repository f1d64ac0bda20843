import assert from 'node:assert/strict';
import { createAudienceColumnCache } from '../store/audience-column-cache.ts';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { countAudience, listAudiences, saveAudience } from './audiences.ts';

const now = new Date('2026-11-28T10:00:00.000Z');

async function seed(store: Store): Promise<void> {
  const row = (i: number, department: string, custom: string | null) => ({
    workspace_id: 'default',
    list_id: null,
    phone: `+3360000000${i}`,
    department,
    birth_year: 1990,
    custom,
    consent_status: 'granted' as const,
    consent_valid_until: '2029-01-01T00:00:00.000Z',
    source: 'first_party',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  await store.db
    .insertInto('contacts')
    .values([row(1, '75', '{"tier":"gold"}'), row(2, '75', null), row(3, '13', null)])
    .execute();
}

forEachDatabase(
  'countAudience answers from the column cache once warm, with the same numbers',
  async (store) => {
    await seed(store);
    const cache = createAudienceColumnCache();
    const request = {
      filter: '{"field":"department","eq":"75"}',
      breakdown: ['age', 'department'],
    };
    const cold = await countAudience(store, request, now, cache);
    await cache.warm(store, 'default');
    const warm = await countAudience(store, request, now, cache);
    assert.equal(cold.engine, 'sql');
    assert.equal(warm.engine, 'columns');
    const strip = ({ durationMs: _d, engine: _e, ...rest }: typeof warm) => rest;
    assert.deepEqual(strip(warm), strip(cold));
    assert.equal(warm.reachable, 2);
    assert.deepEqual(warm.breakdown, { age: { '35-44': 2 }, department: { '75': 2 } });
    const custom = await countAudience(
      store,
      { filter: { field: 'custom.tier', eq: 'gold' } },
      now,
      cache,
    );
    assert.equal(custom.engine, 'sql', 'custom attributes are answered by SQL');
    assert.equal(custom.reachable, 1);
  },
);

forEachDatabase('saved audiences are per workspace and usable as exclusions', async (store) => {
  await seed(store);
  await saveAudience(store, { name: 'Paris', filter: { field: 'department', eq: '75' } }, now);
  const again = await saveAudience(
    store,
    { name: 'Paris', filter: { field: 'department', in: ['75', '92'] } },
    now,
  );
  assert.equal(again.created, false);
  assert.deepEqual(
    (await listAudiences(store, {})).map((a) => a.filter),
    [{ field: 'department', in: ['75', '92'] }],
  );
  const rest = await countAudience(
    store,
    { filter: { not: { audience: 'Paris' } }, sample: 5 },
    now,
  );
  assert.equal(rest.reachable, 1);
  assert.deepEqual(
    rest.sample?.map((s) => s.phone),
    ['+33600000003'],
  );
  await assert.rejects(
    countAudience(store, { filter: { field: 'gender', eq: 'F' }, workspace: 'nobody' }, now),
    /no workspace 'nobody'/,
  );
});
