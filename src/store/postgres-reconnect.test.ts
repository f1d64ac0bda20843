import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore } from './db.ts';

const url = process.env.TEXTO_TEST_PG_URL;

test('PostgreSQL: a connection the server closes is replaced, the process lives on', async (t) => {
  if (!url) {
    t.skip('TEXTO_TEST_PG_URL is unset: no PostgreSQL to close a connection of');
    return;
  }
  const name = `texto-reconnect-${process.pid}`;
  const store = openStore({ databaseUrl: `${url}?application_name=${name}` });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const one = async () => (await sql<{ n: number }>`SELECT 1 AS n`.execute(store.db)).rows[0]?.n;
    assert.equal(await one(), 1);
    // What a restart, a failover or a proxy's idle timeout does to an idle pooled connection.
    const killed = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [name],
    );
    assert.equal(killed.rowCount, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await one(), 1, 'a new connection serves the next query');
  } finally {
    await admin.end();
    await store.close();
  }
});
