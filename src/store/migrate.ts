import { type Kysely, sql } from 'kysely';
import type { Capabilities } from './capabilities.ts';
import type { Store } from './db.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { ensureDefaultWorkspace } from './workspaces.ts';

/** The PostgreSQL advisory lock migrations hold ('texto' in ASCII). */
const migrationLock = 0x746578746f;

/**
 * Applies every migration not yet applied, each in its own transaction, then makes sure a
 * default workspace exists. Idempotent: a second run applies nothing. On PostgreSQL the whole
 * run holds an advisory lock: two processes starting together on a fresh database (a server
 * and its workers) raced on the same CREATE TABLE and one of them died. SQLite's transactions
 * already take its one write lock in turn.
 */
export async function migrateStore(
  store: Store,
  now: Date,
): Promise<{ applied: string[]; pending: number }> {
  if (store.capabilities.dialect !== 'postgres') {
    return applyMigrations(store.db, store.capabilities, now);
  }
  return store.db.connection().execute(async (db) => {
    await sql`SELECT pg_advisory_lock(${migrationLock})`.execute(db);
    try {
      return await applyMigrations(db, store.capabilities, now);
    } finally {
      await sql`SELECT pg_advisory_unlock(${migrationLock})`.execute(db);
    }
  });
}

async function applyMigrations(
  db: Kysely<Database>,
  capabilities: Capabilities,
  now: Date,
): Promise<{ applied: string[]; pending: number }> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const done = new Set(
    (await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    await db.transaction().execute(async (trx) => {
      const again = await trx
        .selectFrom('schema_migrations')
        .select('name')
        .where('name', '=', migration.name)
        .executeTakeFirst();
      if (again) return;
      await migration.up(trx, capabilities);
      await trx
        .insertInto('schema_migrations')
        .values({ name: migration.name, applied_at: now.toISOString() })
        .execute();
      applied.push(migration.name);
    });
  }
  await ensureDefaultWorkspace(db, now);
  return { applied, pending: 0 };
}
