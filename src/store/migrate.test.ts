import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { openStore } from './db.ts';
import { migrateStore } from './migrate.ts';
import { forEachDatabase, testEpoch } from './test-databases.ts';
import { findDefaultWorkspace, listWorkspaces } from './workspaces.ts';

forEachDatabase('migrations are idempotent and create one default workspace', async (store) => {
  const again = await migrateStore(store, testEpoch);
  assert.deepEqual(again.applied, []);
  const all = await listWorkspaces(store.db);
  assert.equal(all.length, 1);
  assert.equal((await findDefaultWorkspace(store.db))?.id, 'default');
});

test('PostgreSQL: two processes migrating a fresh database at once both succeed', async (t) => {
  const url = process.env.TEXTO_TEST_PG_URL;
  if (!url) {
    t.skip('TEXTO_TEST_PG_URL is unset: no PostgreSQL to migrate twice at once');
    return;
  }
  const schema = `texto_race_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const stores = [0, 1].map(() => openStore({ databaseUrl: url, pgSchema: schema }));
  try {
    const runs = await Promise.all(stores.map((s) => migrateStore(s, testEpoch)));
    const applied = runs.flatMap((r) => r.applied);
    assert.equal(new Set(applied).size, applied.length, 'each migration applied once');
    assert.equal(runs.filter((r) => r.applied.length > 0).length, 1);
    assert.equal((await listWorkspaces(stores[0]!.db)).length, 1);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
