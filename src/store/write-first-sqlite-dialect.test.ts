import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { openStore } from './db.ts';
import { migrateStore } from './migrate.ts';

test('SQLite: a transaction holds the write lock from its start, before it writes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'texto-lock-'));
  const store = openStore({ dataDir: dir });
  await migrateStore(store, new Date());
  // Another process's connection, not willing to wait.
  const other = new SqliteDatabase(join(dir, 'texto.db'));
  other.pragma('busy_timeout = 0');
  try {
    await store.bulk(async (session) => {
      // Only a read so far: a deferred transaction would hold no lock, and another writer's
      // commit now would make its first write fail at once.
      await session.db.selectFrom('workspaces').select('id').execute();
      assert.throws(() => other.exec('BEGIN IMMEDIATE'), /database is locked/);
    });
    await store.db.transaction().execute(async (trx) => {
      await trx.selectFrom('workspaces').select('id').execute();
      assert.throws(() => other.exec('BEGIN IMMEDIATE'), /database is locked/);
    });
    // Free again once they ended.
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
  } finally {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
