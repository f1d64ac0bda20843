import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { shownTransport } from '../services/transport-view.ts';
import { createWorkspace } from '../services/workspaces.ts';
import { openStore } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import { describeStartFailure } from './describe-start-failure.ts';
import { startProduct } from './start-product.ts';

/**
 * `startProduct` on port 0 (what `npm start` and the UI's browser tests run): migrate, seed
 * the demo, log in with a printed demo login, use the API, serve the UI, stop cleanly with
 * no message left claimed; a second start keeps the data and does not seed again.
 */
test('startProduct: demo seeded, API and UI served, clean stop, restart keeps data', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'texto-product-'));
  const dist = join(dataDir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Texto UI</title>');
  writeFileSync(join(dist, 'app.js'), 'console.log(1)');
  const config = loadConfig({
    TEXTO_DATA_DIR: dataDir,
    TEXTO_STOP_CODE: '36180',
    TEXTO_LOG_LEVEL: 'silent',
  });
  const lines: string[] = [];
  const options = {
    port: 0,
    seed: { listSize: 300, ownContacts: 40 },
    webDist: dist,
    log: (l: string) => lines.push(l),
  };
  const product = await startProduct(config, options);
  try {
    assert.match(product.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(product.seeded, true);
    assert.equal(product.ui, true);
    const login = product.logins.find(
      (l) => l.role === 'owner' && l.workspace === 'Meubles Dupont',
    )!;
    const res = await fetch(`${product.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: login.email, password: login.password }),
    });
    assert.equal(res.status, 200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const get = (path: string) => fetch(`${product.url}${path}`, { headers: { cookie } });
    const me = (await (await get('/api/me')).json()) as {
      workspaces: Array<{ id: string; name: string }>;
    };
    const ws = me.workspaces.find((w) => w.name === 'Meubles Dupont')!;
    assert.ok(ws);
    const count = await fetch(`${product.url}/api/workspaces/${ws.id}/audiences/count`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ filter: { all: [] } }),
    });
    assert.equal(count.status, 200);
    assert.equal(((await count.json()) as { reachable: number }).reachable, 40);
    const catalogue = (await (await get(`/api/workspaces/${ws.id}/catalogue`)).json()) as {
      items: Array<{ contacts: number; namesYou: boolean }>;
    };
    assert.equal(catalogue.items[0]?.contacts, 300);
    assert.equal(catalogue.items[0]?.namesYou, true);
    const audiences = (await (await get(`/api/workspaces/${ws.id}/audiences`)).json()) as {
      items: unknown[];
    };
    assert.equal(audiences.items.length, 1);
    // The UI: files, and the index for client-side routes; the API keeps its 404s.
    const page = await fetch(`${product.url}/`);
    assert.match(await page.text(), /Texto UI/);
    // Never framed, nothing loaded from elsewhere.
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(await (await fetch(`${product.url}/app.js`)).text(), 'console.log(1)');
    assert.match(await (await fetch(`${product.url}/campaigns/42`)).text(), /Texto UI/);
    assert.equal((await fetch(`${product.url}/api/nope`)).status, 404);
  } finally {
    await product.stop();
  }
  await product.stop();
  const store = openStore({ dataDir });
  const claimed = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM messages
    WHERE state IN ('claimed', 'submitting')`.execute(store.db);
  assert.equal(Number(claimed.rows[0]!.n), 0);
  await store.close();
  const again = await startProduct(config, options);
  try {
    assert.equal(again.seeded, false, 'an existing database is not seeded again');
    const health = await fetch(`${again.url}/api/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { dispatch: string }).dispatch, 'running');
  } finally {
    await again.stop();
  }
});

test('the start-up text shows the transport without its credentials', () => {
  assert.equal(shownTransport('simulator'), 'simulator');
  const smpp = shownTransport('smpp://txSECRETid:pwSECRT9@127.0.0.1:2775?tps=5');
  assert.equal(smpp, 'smpp 127.0.0.1:2775, 5 parts/s');
  const hook = shownTransport('webhook+https://sms.example.fr/send?token=s3cr3t');
  assert.equal(hook, 'webhook (TLS) sms.example.fr:443');
});

test('a database set up from the command line gets no demo; a mistyped transport writes nothing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'texto-noseed-'));
  const store = openStore({ dataDir });
  await migrateStore(store, new Date());
  await createWorkspace(store, { name: 'Prod Co', legalName: 'Prod SAS' }, new Date());
  await store.close();
  const config = loadConfig({ TEXTO_DATA_DIR: dataDir, TEXTO_LOG_LEVEL: 'silent' });
  const product = await startProduct(config, { port: 0, webDist: null, log: () => {} });
  try {
    assert.equal(product.seeded, false);
    assert.deepEqual(product.logins, [], 'no demo account exists: none is printed');
  } finally {
    await product.stop();
  }
  const fresh = mkdtempSync(join(tmpdir(), 'texto-typo-'));
  const typo = loadConfig({ TEXTO_DATA_DIR: fresh, TEXTO_TRANSPORT: 'smpp:/a:b@h' });
  await assert.rejects(startProduct(typo, { port: 0, webDist: null }), /TEXTO_TRANSPORT/);
  assert.equal(existsSync(join(fresh, 'texto.db')), false);
});

test('why the product cannot start names what to fix', () => {
  const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
  assert.match(
    describeStartFailure(inUse, { TEXTO_PORT: '8080' }),
    /port is in use.*TEXTO_PORT.*8080/,
  );
  const notDir = Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR' });
  assert.match(
    describeStartFailure(notDir, { TEXTO_DATA_DIR: '/etc/passwd' }),
    /TEXTO_DATA_DIR \(\/etc\/passwd\)/,
  );
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5439'), {
    code: 'ECONNREFUSED',
  });
  assert.match(
    describeStartFailure(refused, { TEXTO_DATABASE_URL: 'postgres://x@127.0.0.1:5439/t' }),
    /PostgreSQL \(TEXTO_DATABASE_URL\) refused the connection/,
  );
});
