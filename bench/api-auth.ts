/**
 * Overhead of the API foundation on loopback (50 concurrent keep-alive clients, bounded by
 * time): what authentication (API key lookup), workspace access, role check, zod validation,
 * response parsing and the redacted request log cost per request.
 *
 * Baseline, measured in the same run on the same server stack (@hono/node-server): a bare Hono
 * route answering a constant JSON object. Then: GET /api/health (public, one `select 1`),
 * GET /api/me with an API key, POST /api/workspaces/:id/messages/check with an API key.
 * Embedded SQLite (in memory) unless TEXTO_DATABASE_URL is a postgres URL.
 */
import { loadavg } from 'node:os';
import { Hono } from 'hono';
import { createApi } from '../src/api/create-api.ts';
import { startServer } from '../src/api/start-server.ts';
import { loadConfig } from '../src/config.ts';
import { createOwnedWorkspace, createUser } from '../src/services/accounts.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import { openStore } from '../src/store/db.ts';
import { migrateStore } from '../src/store/migrate.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const now = new Date();

const store = openStore({ sqlitePath: ':memory:', databaseUrl: process.env.TEXTO_DATABASE_URL });
await migrateStore(store, now);
const user = await createUser(
  store,
  { email: 'bench@example.fr', password: 'bench password 1' },
  now,
);
const principal = {
  kind: 'user' as const,
  id: user.id,
  email: user.email,
  name: null,
  isAdmin: false,
  sessionId: '',
  csrfHash: '',
};
const ws = await createOwnedWorkspace(store, principal, { name: `bench ${now.getTime()}` }, now);
const { secret } = await createApiKey(
  store,
  principal,
  ws.id,
  { name: 'b', role: 'marketer' },
  now,
);

let logged = 0;
const api = createApi({
  store,
  config: loadConfig({ TEXTO_STOP_CODE: '36180' }),
  log: () => {
    logged += 1;
  },
  limits: { api: { capacity: 1e9, refillPerSecond: 1e9 } },
});
const bare = new Hono().get('/ping', (c) => c.json({ ok: true }));
const apiServer = await startServer(api, { host: '127.0.0.1', port: 0 });
const bareServer = await startServer(bare as never, { host: '127.0.0.1', port: 0 });

async function load(label: string, url: string, init: RequestInit = {}): Promise<number> {
  let done = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const res = await fetch(url, init);
      await res.arrayBuffer();
      if (res.ok) done += 1;
      else failed += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const rate = done / ((performance.now() - started) / 1000);
  console.log(
    `${label.padEnd(44)} ${Math.round(rate).toString().padStart(7)} req/s${failed ? ` (${failed} failed)` : ''}`,
  );
  return rate;
}

const auth = { authorization: `Bearer ${secret}` };
console.log(
  `${clients} clients, ${seconds} s each, ${store.capabilities.dialect}, load ${loadavg()[0]!.toFixed(1)}`,
);
await load('warm-up', `${bareServer.url}/ping`);
const baseline = await load('baseline: bare Hono GET /ping', `${bareServer.url}/ping`);
const health = await load('GET /api/health (public, select 1)', `${apiServer.url}/api/health`);
const me = await load('GET /api/me (API key)', `${apiServer.url}/api/me`, { headers: auth });
const check = await load(
  'POST …/messages/check (API key, zod, core)',
  `${apiServer.url}/api/workspaces/${ws.id}/messages/check`,
  {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Dupont: -20% ce samedi ! STOP au 36180', sender: 'DUPONT' }),
  },
);
console.log(
  `ratio to baseline: health ${(health / baseline).toFixed(2)}, me ${(me / baseline).toFixed(2)}, ` +
    `check ${(check / baseline).toFixed(2)} (${logged} request lines logged)`,
);
await apiServer.close();
await bareServer.close();
await store.close();
