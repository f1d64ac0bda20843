import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';
import { createApi } from './create-api.ts';
import { statusByCode } from './errors.ts';

test('every domain error code has one status, in one place', () => {
  assert.deepEqual(statusByCode, {
    invalid_input: 400,
    unauthenticated: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    refused: 422,
    rate_limited: 429,
    internal: 500,
    unavailable: 503,
  });
});

test('an unexpected failure is a 500 that says nothing; the log line has it, redacted', async () => {
  // A store that was never migrated: every account query fails.
  const store = openStore({ sqlitePath: ':memory:' });
  const lines: Array<[string, string]> = [];
  const api = createApi({
    store,
    config: loadConfig({}),
    log: (l, level) => lines.push([l, level]),
  });
  try {
    const key = 'tx_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const res = await api.request('/api/me', { headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { error: { code: 'internal', message: 'internal error' } });
    const [error, request] = lines;
    assert.equal(error?.[1], 'error');
    assert.match(error![0], /no such table: api_keys/);
    assert.equal(JSON.parse(request![0]).status, 500);
    assert.equal(request![1], 'error');
    for (const [line] of lines) assert.equal(line.includes(key), false);
  } finally {
    await store.close();
  }
});
