/**
 * Requests per second of two product calls on loopback under 50 concurrent keep-alive clients,
 * bounded by time (BENCH_SECONDS per route, default 5): an audience count (POST
 * …/audiences/count, SQL engine) and a campaign status (GET …/campaigns/:id/status), with an
 * API key. Baseline measured in the same run: a bare Hono route on the same server stack.
 *
 * Also measures the better-sqlite3 statement cache question (helper G): the same routes
 * against the same database file through a connection whose `prepare` is memoised by SQL text.
 * Data: the demo seed (BENCH_CONTACTS own contacts, default 20,000) with its draft campaign
 * scheduled. SQLite in a temporary directory unless TEXTO_DATABASE_URL is a postgres URL.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Hono } from 'hono';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { createApi } from '../src/api/create-api.ts';
import { startServer } from '../src/api/start-server.ts';
import { loadConfig } from '../src/config.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import { scheduleCampaign } from '../src/services/campaign-schedule.ts';
import { seedDemo } from '../src/services/demo-seed.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateStore } from '../src/store/migrate.ts';
import type { Database } from '../src/store/schema.ts';
import { findUserByEmail } from '../src/store/users.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const contacts = Number(process.env.BENCH_CONTACTS ?? 20_000);
const now = new Date();
const dir = mkdtempSync(join(tmpdir(), 'texto-bench-api-'));
const file = join(dir, 'texto.db');
const pgUrl = process.env.TEXTO_DATABASE_URL;
const store = openStore(pgUrl ? { databaseUrl: pgUrl } : { sqlitePath: file });
await migrateStore(store, now);
const config = loadConfig({ TEXTO_STOP_CODE: '36180', TEXTO_DATA_DIR: dir });
const t0 = performance.now();
const demo = await seedDemo(store, now, { listSize: 1000, ownContacts: contacts });
if (!demo.seeded)
  throw new Error('bench: the database is not empty (use a fresh TEXTO_DATABASE_URL)');
console.log(`seeded ${contacts} contacts in ${Math.round(performance.now() - t0)} ms`);
const workspaceId = demo.advertiserId!;
const user = await findUserByEmail(store.db, demo.logins[0]!.email);
const principal = {
  kind: 'user' as const,
  id: user!.id,
  email: user!.email,
  name: null,
  isAdmin: false,
  sessionId: '',
  csrfHash: '',
};
const { secret } = await createApiKey(
  store,
  principal,
  workspaceId,
  { name: 'bench', role: 'marketer' },
  now,
);
const campaign = await sql<{
  id: string;
}>`SELECT id FROM campaigns WHERE workspace_id = ${workspaceId}`.execute(store.db);
const campaignId = campaign.rows[0]!.id;
const scheduled = await scheduleCampaign(
  store,
  { stopCode: '36180' },
  { workspace: workspaceId, id: campaignId },
  now,
);
console.log(`campaign scheduled: ${scheduled.ok ? scheduled.messages : scheduled.reason} messages`);

function serve(s: Store) {
  return startServer(
    createApi({
      store: s,
      config,
      log: () => {},
      limits: { api: { capacity: 1e9, refillPerSecond: 1e9 } },
    }),
    { host: '127.0.0.1', port: 0 },
  );
}

/** The same store, through a connection whose statements are prepared once per SQL text. */
function withStatementCache(s: Store): Store {
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 5000');
  const cache = new Map<string, SqliteDatabase.Statement>();
  const cached = new Proxy(raw, {
    get(target, key) {
      if (key === 'prepare') {
        return (text: string) => {
          let statement = cache.get(text);
          if (!statement || statement.busy) {
            statement = target.prepare(text);
            cache.set(text, statement);
          }
          return statement;
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...s, db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) }) };
}

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
    `${label.padEnd(52)} ${Math.round(rate).toString().padStart(7)} req/s${failed ? ` (${failed} failed)` : ''}`,
  );
  return rate;
}

const auth = { authorization: `Bearer ${secret}` };
const countInit: RequestInit = {
  method: 'POST',
  headers: { ...auth, 'content-type': 'application/json' },
  body: JSON.stringify({ filter: { field: 'department', in: ['75', '92', '93', '94'] } }),
};
const bare = await startServer(new Hono().get('/ping', (c) => c.json({ ok: true })) as never, {
  host: '127.0.0.1',
  port: 0,
});
const plain = await serve(store);
console.log(
  `${clients} clients, ${seconds} s per route, ${store.capabilities.dialect}, ${contacts} contacts, load ${loadavg()[0]!.toFixed(1)}`,
);
const ws = `/api/workspaces/${workspaceId}`;
await load('warm-up', `${bare.url}/ping`);
// Let the server's audience column cache load (counts answer from SQL meanwhile).
for (let i = 0; i < 100; i += 1) {
  const res = await fetch(`${plain.url}${ws}/audiences/count`, countInit);
  if (((await res.json()) as { engine?: string }).engine === 'columns') break;
  await new Promise((r) => setTimeout(r, 50));
}
const baseline = await load('baseline: bare Hono GET /ping', `${bare.url}/ping`);
const count = await load(
  'POST …/audiences/count (4 departments)',
  `${plain.url}${ws}/audiences/count`,
  countInit,
);
const status = await load(
  'GET …/campaigns/:id/status',
  `${plain.url}${ws}/campaigns/${campaignId}/status`,
  {
    headers: auth,
  },
);
console.log(
  `ratio to baseline: audience count ${(count / baseline).toFixed(3)}, campaign status ${(status / baseline).toFixed(3)}`,
);
if (store.capabilities.dialect === 'sqlite') {
  // Alternate plain and cached twice: the machine's load drifts during a run.
  const cachedStore = withStatementCache(store);
  const cached = await serve(cachedStore);
  const rates = { plainCount: count, plainStatus: status, cachedCount: 0, cachedStatus: 0 };
  for (let round = 0; round < 2; round += 1) {
    rates.cachedCount += await load(
      'audience count, statements cached',
      `${cached.url}${ws}/audiences/count`,
      countInit,
    );
    rates.cachedStatus += await load(
      'campaign status, statements cached',
      `${cached.url}${ws}/campaigns/${campaignId}/status`,
      { headers: auth },
    );
    if (round === 0) {
      rates.plainCount += await load(
        'audience count, plain (again)',
        `${plain.url}${ws}/audiences/count`,
        countInit,
      );
      rates.plainStatus += await load(
        'campaign status, plain (again)',
        `${plain.url}${ws}/campaigns/${campaignId}/status`,
        { headers: auth },
      );
    }
  }
  console.log(
    `statement cache (mean of 2 alternated runs each): audience count ×${(rates.cachedCount / rates.plainCount).toFixed(2)}, campaign status ×${(rates.cachedStatus / rates.plainStatus).toFixed(2)}`,
  );
  await cached.close();
  await cachedStore.db.destroy();
  // Without HTTP: one query as Kysely issues it (prepare every time) vs a reused statement.
  const raw = new SqliteDatabase(file, { readonly: true });
  const text = `SELECT state, COUNT(*) AS n FROM messages WHERE workspace_id = ? AND campaign_id = ? GROUP BY state`;
  const rounds = 5000;
  let t = performance.now();
  for (let i = 0; i < rounds; i += 1) raw.prepare(text).all(workspaceId, campaignId);
  const perPrepared = (performance.now() - t) / rounds;
  const statement = raw.prepare(text);
  t = performance.now();
  for (let i = 0; i < rounds; i += 1) statement.all(workspaceId, campaignId);
  const perCached = (performance.now() - t) / rounds;
  const lookup = 'SELECT * FROM api_keys WHERE key_hash = ?';
  t = performance.now();
  for (let i = 0; i < rounds; i += 1) raw.prepare(lookup).get('x');
  const lookupPrepared = (performance.now() - t) / rounds;
  const lookupStatement = raw.prepare(lookup);
  t = performance.now();
  for (let i = 0; i < rounds; i += 1) lookupStatement.get('x');
  const lookupCached = (performance.now() - t) / rounds;
  console.log(
    `prepare each time vs reused: status group-by ${(perPrepared * 1000).toFixed(1)} vs ${(perCached * 1000).toFixed(1)} µs, ` +
      `key lookup ${(lookupPrepared * 1000).toFixed(1)} vs ${(lookupCached * 1000).toFixed(1)} µs`,
  );
  raw.close();
}
await plain.close();
await bare.close();
await store.close();
