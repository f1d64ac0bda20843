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

forEachDatabase(
  'insertNewValues gives each row its new id, or null where a unique index refuses it',
  async (store) => {
    const columns = ['phone', 'first_name'];
    const constants = { workspace_id: 'default', list_id: null, created_at: at, updated_at: at };
    const outcomes = await store.bulk(async (session) => {
      const first = await session.insertNewValues(
        'contacts',
        columns,
        [
          ['+33600000011', 'Ana'],
          ['+33600000012', 'Bea'],
        ],
        constants,
      );
      // Stored ones (by this session's first call) are refused, new ones around them taken.
      const second = await session.insertNewValues(
        'contacts',
        columns,
        [
          ['+33600000013', 'Cal'],
          ['+33600000011', 'Ana again'],
          ['+33600000014', 'Dan'],
          ['+33600000012', 'Bea again'],
          ['+33600000014', 'Dan twice in one call'],
        ],
        constants,
      );
      return { first, second, none: await session.insertNewValues('contacts', columns, []) };
    });
    assert.deepEqual(outcomes.none, []);
    assert.deepEqual(
      outcomes.second.map((id) => id === null),
      [false, true, false, true, true],
    );
    // Ids follow the rows' order.
    const taken = [...outcomes.first, ...outcomes.second].filter((id) => id !== null);
    assert.deepEqual(
      taken,
      [...taken].sort((a, b) => a - b),
    );
    const stored = await store.db
      .selectFrom('contacts')
      .select(['id', 'phone', 'first_name', 'list_id', 'created_at'])
      .where('workspace_id', '=', 'default')
      .orderBy('phone')
      .execute();
    assert.deepEqual(
      stored.map((c) => [Number(c.id), c.phone, c.first_name, c.list_id, c.created_at]),
      [
        [outcomes.first[0], '+33600000011', 'Ana', null, at],
        [outcomes.first[1], '+33600000012', 'Bea', null, at],
        [outcomes.second[0], '+33600000013', 'Cal', null, at],
        [outcomes.second[2], '+33600000014', 'Dan', null, at],
      ],
    );
  },
);

forEachDatabase('a bulk session that trusts its references does not check them', async (store) => {
  // What makes it fast: an orphan goes in unchecked (then the failed work takes it back).
  await assert.rejects(
    store.bulk(
      async (session) => {
        await session.insertValues(
          'contacts',
          ['workspace_id', 'phone', 'created_at', 'updated_at'],
          [['no-such-workspace', '+33600000021', at, at]],
        );
        throw new Error('inserted unchecked');
      },
      { trustReferences: true },
    ),
    /inserted unchecked/,
  );
});

forEachDatabase(
  'a number another session is inserting is refused once that session commits, not an error',
  async (store) => {
    const columns = ['phone', 'first_name'];
    const constants = { workspace_id: 'default', list_id: null, created_at: at, updated_at: at };
    let commit = () => {};
    const held = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let inserted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const first = store.bulk(async (session) => {
      const ids = await session.insertNewValues(
        'contacts',
        columns,
        [['+33600000031', 'A']],
        constants,
      );
      inserted();
      await held;
      return ids;
    });
    await started;
    const second = store.bulk((session) =>
      session.insertNewValues(
        'contacts',
        columns,
        [
          ['+33600000031', 'B'],
          ['+33600000032', 'C'],
        ],
        constants,
      ),
    );
    // The second waits for the first (PostgreSQL: on the number's index entry; SQLite: for
    // the one writer), then finds the number stored.
    setTimeout(commit, 200);
    const [a, b] = await Promise.all([first, second]);
    assert.equal(typeof a[0], 'number');
    assert.deepEqual(
      b.map((id) => id === null),
      [true, false],
    );
    const names = await store.db
      .selectFrom('contacts')
      .select('first_name')
      .where('phone', '=', '+33600000031')
      .execute();
    assert.deepEqual(names, [{ first_name: 'A' }]);
  },
);

forEachDatabase('updateValues changes rows by id within their scope only', async (store) => {
  await store.db
    .insertInto('workspaces')
    .values({
      id: 'other',
      name: 'Other',
      legal_name: null,
      is_provider: 0,
      rights_mention: null,
      created_at: at,
    })
    .execute();
  const contact = (workspace_id: string, phone: string) => ({
    workspace_id,
    phone,
    first_name: 'Old',
    children: 1,
    consent_status: 'none' as const,
    source: 'first_party',
    created_at: at,
    updated_at: at,
  });
  const ids = (
    await store.db
      .insertInto('contacts')
      .values([
        contact('default', '+33600000041'),
        contact('default', '+33600000042'),
        contact('other', '+33600000043'),
      ])
      .returning('id')
      .execute()
  ).map((r) => Number(r.id));
  await store.bulk((session) =>
    session.updateValues(
      'contacts',
      ['first_name', 'children', 'last_name'],
      [
        ['New "quoted", too', 3, null, ids[0]],
        ['Not mine', 9, 'X', ids[2]],
      ],
      { workspace_id: 'default' },
    ),
  );
  const rows = await store.db
    .selectFrom('contacts')
    .select(['id', 'first_name', 'children', 'last_name'])
    .orderBy('id')
    .execute();
  assert.deepEqual(
    rows.map((r) => [Number(r.id), r.first_name, r.children, r.last_name]),
    [
      [ids[0], 'New "quoted", too', 3, null],
      [ids[1], 'Old', 1, null],
      [ids[2], 'Old', 1, null],
    ],
  );
});

forEachDatabase(
  'anyOf matches a list of any length; jsonArrayOf gives a row’s values',
  async (store) => {
    const phones = ['+33600000051', '+33600000052', '+33600000053'];
    const ids = (
      await store.db
        .insertInto('contacts')
        .values(
          phones.map((phone, i) => ({
            workspace_id: 'default',
            phone,
            first_name: i === 0 ? 'Zoë "Z", \\ à' : null,
            children: i,
            consent_status: 'none' as const,
            source: 'first_party',
            created_at: at,
            updated_at: at,
          })),
        )
        .returning('id')
        .execute()
    ).map((r) => Number(r.id));
    const found = await store.bulk(async (session) => {
      const byPhones = async (list: string[]) =>
        (
          await session.selectArrays(
            session.db
              .selectFrom('contacts')
              .select('id')
              .where(session.anyOf('phone', list))
              .orderBy('id'),
          )
        ).map((r) => Number(r[0]));
      const byIds = await session.selectArrays(
        session.db
          .selectFrom('contacts')
          .select(['id', session.jsonArrayOf(['first_name', 'children', 'last_name']).as('values')])
          .where(session.anyOf('id', [ids[0]!, ids[2]!, 999_999]))
          .orderBy('id'),
      );
      return {
        some: await byPhones([phones[2]!, phones[0]!, "+33' OR 1=1"]),
        none: await byPhones([]),
        values: byIds.map((r) => [Number(r[0]), JSON.parse(r[1] as string)]),
      };
    });
    assert.deepEqual(found.some, [ids[0], ids[2]]);
    assert.deepEqual(found.none, []);
    assert.deepEqual(found.values, [
      [ids[0], ['Zoë "Z", \\ à', 0, null]],
      [ids[2], [null, 2, null]],
    ]);
  },
);
