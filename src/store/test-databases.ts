import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { openStore, type Store } from './db.ts';
import { migrateStore } from './migrate.ts';

/** The instant every fresh test database is migrated at. */
export const testEpoch = new Date('2026-11-28T12:00:00Z');

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

let warned = false;

/**
 * The databases every store test runs on: a fresh migrated in-memory SQLite and, when
 * TEXTO_TEST_PG_URL is set, a fresh migrated PostgreSQL schema dropped afterwards.
 */
export function testDatabases(env: Record<string, string | undefined> = process.env) {
  const list: TestDatabase[] = [{ name: 'sqlite', open: openSqliteForTest }];
  const url = env.TEXTO_TEST_PG_URL;
  if (url) list.push({ name: 'postgres', open: () => openPostgresForTest(url) });
  else if (!warned) {
    warned = true;
    process.stderr.write(
      '# PostgreSQL store tests SKIPPED: TEXTO_TEST_PG_URL is unset ' +
        '(e.g. TEXTO_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test)\n',
    );
  }
  return list;
}

/** Declares `title [sqlite]` and `title [postgres]`, each with its own fresh database. */
export function forEachDatabase(title: string, body: (store: Store) => Promise<void>): void {
  for (const database of testDatabases()) {
    test(`${title} [${database.name}]`, async () => {
      const { store, dispose } = await database.open();
      try {
        await body(store);
      } finally {
        await dispose();
      }
    });
  }
}

async function openSqliteForTest() {
  const store = openStore({ sqlitePath: ':memory:' });
  await migrateStore(store, testEpoch);
  return { store, dispose: () => store.close() };
}

async function openPostgresForTest(url: string) {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = openStore({ databaseUrl: url, pgSchema: schema });
  try {
    await migrateStore(store, testEpoch);
  } catch (error) {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    throw error;
  }
  return {
    store,
    async dispose() {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}
