import assert from 'node:assert/strict';
import type { BulkSession, Store } from './db.ts';
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

forEachDatabase(
  'a bulk session’s scratch table lives as long as its work, ok or failed',
  async (store) => {
    type Scratch = { notes: { id: number; text: string } };
    const fill = (session: BulkSession, ids: number[]) =>
      session.db
        .withTables<Scratch>()
        .insertInto('notes')
        .values(ids.map((id) => ({ id, text: `n${id}` })))
        .execute();
    const read = (session: BulkSession) =>
      session.selectArrays(
        session.db.withTables<Scratch>().selectFrom('notes').select(['id', 'text']).orderBy('id'),
      );
    const rows = await store.bulk(async (session) => {
      await session.scratchTable('notes', ['text']);
      await session.scratchTable('notes', ['text']); // the second call finds it
      await fill(session, [2, 1]);
      return read(session);
    });
    assert.deepEqual(
      rows.map(([id, text]) => [Number(id), text]),
      [
        [1, 'n1'],
        [2, 'n2'],
      ],
    );
    await assert.rejects(
      store.bulk(async (session) => {
        await session.scratchTable('notes', ['text']);
        await fill(session, [3]);
        throw new Error('work failed');
      }),
      /work failed/,
    );
    // Gone after both: created anew, empty.
    const after = await store.bulk(async (session) => {
      await session.scratchTable('notes', ['text']);
      return read(session);
    });
    assert.deepEqual(after, []);
  },
);
