import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';
import { createApi } from './create-api.ts';
import { startServer } from './start-server.ts';

test('startServer listens on an ephemeral loopback port, answers, and closes', async () => {
  const store = openStore({ sqlitePath: ':memory:' });
  const logs: string[] = [];
  const server = await startServer(
    createApi({ store, config: loadConfig({}), log: (l) => logs.push(l) }),
    { host: '127.0.0.1', port: 0 },
  );
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/api/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const me = await fetch(`${server.url}/api/me`);
    assert.equal(me.status, 401);
    assert.equal(JSON.parse(logs[0]!).ip, '127.0.0.1', 'the client IP comes from the socket');
  } finally {
    await server.close();
    await store.close();
  }
  await assert.rejects(fetch(`${server.url}/api/health`));
});
