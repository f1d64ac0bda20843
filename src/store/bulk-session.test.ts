import assert from 'node:assert/strict';
import type { Store } from './db.ts';
import { forEachDatabase, testEpoch } from './test-databases.ts';

const at = testEpoch.toISOString();

/** A contact of a workspace that does not exist: a foreign key must refuse it. */
async function insertOrphan(store: Store, phone: string): Promise<void> {
  await store.db
    .insertInto('contacts')
    .values({
      workspace_id: 'no-such-workspace',
      phone,
      consent_status: 'none',
      source: 'first_party',
      created_at: at,
      updated_at: at,
    })
    .execute();
}

forEachDatabase(
  'a bulk session that trusts its references leaves foreign keys checked after it, ok or failed',
  async (store) => {
    assert.equal(await store.bulk(async () => 'done', { trustReferences: true }), 'done');
    await assert.rejects(insertOrphan(store, '+33600000001'), /foreign key|FOREIGN KEY/);
    await assert.rejects(
      store.bulk(
        async () => {
          throw new Error('work failed');
        },
        { trustReferences: true },
      ),
      /work failed/,
    );
    await assert.rejects(insertOrphan(store, '+33600000002'), /foreign key|FOREIGN KEY/);
    // Untrusted sessions check every row as they always did.
    await assert.rejects(
      store.bulk((session) =>
        session.insertValues(
          'contacts',
          ['workspace_id', 'phone', 'created_at', 'updated_at'],
          [['no-such-workspace', '+33600000003', at, at]],
        ),
      ),
      /foreign key|FOREIGN KEY/,
    );
    const left = await store.db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', 'no-such-workspace')
      .execute();
    assert.deepEqual(left, []);
  },
);
