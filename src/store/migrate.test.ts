import assert from 'node:assert/strict';
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
