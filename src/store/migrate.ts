import type { Store } from './db.ts';
import { migrations } from './migrations/index.ts';
import { ensureDefaultWorkspace } from './workspaces.ts';

/**
 * Applies every migration not yet applied, each in its own transaction, then makes sure a
 * default workspace exists. Idempotent: a second run applies nothing.
 */
export async function migrateStore(
  store: Store,
  now: Date,
): Promise<{ applied: string[]; pending: number }> {
  await store.db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const done = new Set(
    (await store.db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    await store.db.transaction().execute(async (trx) => {
      const again = await trx
        .selectFrom('schema_migrations')
        .select('name')
        .where('name', '=', migration.name)
        .executeTakeFirst();
      if (again) return;
      await migration.up(trx, store.capabilities);
      await trx
        .insertInto('schema_migrations')
        .values({ name: migration.name, applied_at: now.toISOString() })
        .execute();
      applied.push(migration.name);
    });
  }
  await ensureDefaultWorkspace(store.db, now);
  return { applied, pending: 0 };
}
