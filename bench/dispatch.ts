/**
 * bench:dispatch — a N-message campaign (default 100,000) dispatched to the simulator SMSC
 * (`texto smsc` in its own process, a receipt per message), every state persisted (claimed,
 * submitting, submitted with its part, delivered). The run ends when the database shows every
 * message delivered. Baseline in the same run: the raw `smpp` client sending as many messages
 * and waiting for their receipts (bench/smpp.ts). Then PostgreSQL with 2 `texto worker`
 * processes beside it (when TEXTO_BENCH_PG_URL or TEXTO_TEST_PG_URL is set).
 *
 *   npm run bench:dispatch [-- N [WINDOW [ROUNDS]]]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import pg from 'pg';
import { testCampaignRow, tuesdayMorning } from '../src/dispatch/dispatch-test-kit.ts';
import { startDispatch } from '../src/dispatch/start-dispatch.ts';
import { insertCampaign } from '../src/store/campaigns.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { insertMessages, type NewMessageRow } from '../src/store/messages.ts';
import { migrateStore } from '../src/store/migrate.ts';
import { createSmppTransport } from '../src/transports/smpp-transport.ts';
import { measureRawSmpp } from './measure-raw-smpp.ts';

const n = Number(process.argv[2] ?? 100_000);
const window = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 2);
const text = 'Dupont Meubles: -20% sur tout le magasin ce samedi ! STOP 36180';
/** TEXTO_BENCH_NO_THREAD=1: the outcome writer on the dispatcher's thread, for comparison. */
const noThread = process.env.TEXTO_BENCH_NO_THREAD === '1';
const cpuMicros = (u: NodeJS.CpuUsage) => u.user + u.system;
const pgUrl = process.env.TEXTO_BENCH_PG_URL ?? process.env.TEXTO_TEST_PG_URL;

async function startServer(): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['bin/texto.js', 'smsc', '--port', '0', '--json', '--quiet', '--dlr-delay-ms', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  for await (const line of createInterface({ input: child.stdout })) {
    const event = JSON.parse(line) as { event: string; port?: number };
    if (event.event === 'listening' && event.port) {
      return {
        port: event.port,
        stop: () =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
  }
  throw new Error('texto smsc did not start');
}

/** The baseline: the `smpp` package used directly (as bench/smpp.ts and sms-tech.md §4.1). */
function runRaw(port: number): Promise<number> {
  return measureRawSmpp(port, n, window, text);
}

/** A campaign of n planned messages due at tuesdayMorning, each to its own consenting contact. */
async function seed(store: Store, state: string): Promise<string> {
  const id = `cmp_bench_${Date.now().toString(36)}`;
  const at = new Date(tuesdayMorning).toISOString();
  const campaign = testCampaignRow(id, at, {
    name: 'bench',
    template: text,
    tps: 10_000,
    state,
  });
  await insertCampaign(store.db, campaign);
  const phone = (i: number) => `+336${String(i).padStart(8, '0')}`;
  await store.bulk(async (session) => {
    const contacts = Array.from({ length: n }, (_, i) => ({
      workspace_id: 'default',
      phone: phone(i),
      country: 'FR',
      territory: 'FR',
      consent_status: 'granted',
      consent_valid_until: '2099-01-01T00:00:00.000Z',
      source: 'first_party',
      created_at: at,
      updated_at: at,
    }));
    await session.insertRows('contacts', contacts);
  });
  const ids = await sql<{ id: number; phone: string }>`SELECT id, phone FROM contacts
    WHERE workspace_id = 'default'`.execute(store.db);
  const byPhone = new Map(ids.rows.map((r) => [r.phone, Number(r.id)]));
  await store.bulk(async (session) => {
    const rows: NewMessageRow[] = Array.from({ length: n }, (_, i) => ({
      workspace_id: 'default',
      campaign_id: id,
      contact_id: byPhone.get(phone(i)) ?? null,
      licence_id: null,
      seed: 0,
      masked: 0,
      phone: phone(i),
      text,
      parts: 1,
      encoding: 'GSM-7',
      planned_at: at,
      window_ends_at: at,
      state: 'planned',
      attempts: 0,
      next_attempt_at: null,
      gateway_id: null,
      error_code: null,
      created_at: at,
      updated_at: at,
    }));
    await insertMessages(session, rows);
  });
  return id;
}

async function countDelivered(store: Store, campaignId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM messages
    WHERE campaign_id = ${campaignId} AND state = 'delivered'`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0);
}

async function waitDelivered(store: Store, campaignId: string): Promise<void> {
  while ((await countDelivered(store, campaignId)) < n) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runSqlite(
  port: number,
  writerThread: boolean,
): Promise<{ rate: number; cpuUs: number; startCpuUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'texto-bench-dispatch-'));
  const store = openStore({ dataDir: dir });
  try {
    await migrateStore(store, new Date(tuesdayMorning));
    const campaignId = await seed(store, 'scheduled');
    const started = Date.now();
    const cpu = process.cpuUsage();
    const runtime = await startDispatch({
      store,
      accountTps: Number.POSITIVE_INFINITY,
      writerThread,
      clock: () => tuesdayMorning + (Date.now() - started),
      onReply: async () => {},
      transport: async (onInbound) =>
        createSmppTransport({
          host: '127.0.0.1',
          port,
          systemId: 'texto',
          password: 'pw',
          systemType: '',
          tps: 100_000,
          window,
          binds: 1,
          long: 'udh',
          bindMode: 'transceiver',
          ids: 'same',
          tls: false,
          onInbound,
        }),
    });
    // The writer thread's start (tsx compiling the sources again) is counted apart.
    const startCpuUs = cpuMicros(process.cpuUsage(cpu));
    const start = performance.now();
    await runtime.dispatcher.run({ untilIdle: true });
    await waitDelivered(store, campaignId);
    const rate = n / ((performance.now() - start) / 1000);
    const w = runtime.writer.stats;
    console.log(
      `    (${w.flushes} group commits, ${w.receipts} receipts, ${w.parked} parked before their send result)`,
    );
    await runtime.close();
    return { rate, cpuUs: cpuMicros(process.cpuUsage(cpu)), startCpuUs };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL in a fresh database, two `texto worker` processes beside the bench. */
async function runPostgres(port: number, url: string): Promise<number> {
  const name = `texto_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const store = openStore({ databaseUrl: dbUrl.toString() });
  const workers: ReturnType<typeof spawn>[] = [];
  try {
    await migrateStore(store, new Date(tuesdayMorning));
    const campaignId = await seed(store, 'paused');
    const env = {
      ...process.env,
      TEXTO_DATABASE_URL: dbUrl.toString(),
      TEXTO_TRANSPORT: `smpp://texto:pw@127.0.0.1:${port}?tps=100000&window=${window}`,
    };
    for (let i = 0; i < 2; i++) {
      workers.push(
        spawn(
          process.execPath,
          ['bin/texto.js', 'worker', '--clock-start', new Date(tuesdayMorning).toISOString()],
          { env, stdio: ['ignore', 'ignore', 'inherit'] },
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5000)); // both started and beating
    const start = performance.now();
    await sql`UPDATE campaigns SET state = 'scheduled' WHERE id = ${campaignId}`.execute(store.db);
    await waitDelivered(store, campaignId);
    return n / ((performance.now() - start) / 1000);
  } finally {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.kill('SIGTERM');
          }),
      ),
    );
    await store.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

const server = await startServer();
try {
  console.log(
    `bench:dispatch  N=${n}  window=${window}  receipt per message, SMSC in its own process`,
  );
  // Rounds alternate so that a machine busy with something else hurts both sides alike.
  const raws: number[] = [];
  const sqlites: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const rawCpu = process.cpuUsage();
    raws.push(await runRaw(server.port));
    const rawUs = cpuMicros(process.cpuUsage(rawCpu));
    const sqlite = await runSqlite(server.port, !noThread);
    sqlites.push(sqlite.rate);
    const sqliteUs = sqlite.cpuUs;
    console.log(
      `  round ${round}: raw smpp ${raws.at(-1)!.toFixed(0)} msg/s (${(rawUs / n).toFixed(0)} µs CPU/msg), Texto dispatch on SQLite ${sqlites.at(-1)!.toFixed(0)} msg/s (${(sqliteUs / n).toFixed(0)} µs CPU/msg all threads, ${((sqliteUs - sqlite.startCpuUs) / n).toFixed(0)} without the start)  load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  }
  const raw = Math.max(...raws);
  const sqlite = Math.max(...sqlites);
  console.log(`raw smpp client (baseline):          ${raw.toFixed(0)} msg/s`);
  console.log(`Texto dispatch, SQLite, 1 worker:    ${sqlite.toFixed(0)} msg/s`);
  console.log(
    `ratio: ${(sqlite / raw).toFixed(2)} (target >= 0.5)  budget >= 10000 msg/s: ${sqlite >= 10_000 ? 'met' : 'MISSED'}`,
  );
  if (pgUrl) {
    const postgres = await runPostgres(server.port, pgUrl);
    console.log(
      `Texto dispatch, PostgreSQL, 2 worker processes: ${postgres.toFixed(0)} msg/s (ratio ${(postgres / raw).toFixed(2)})`,
    );
  } else console.log('PostgreSQL skipped: set TEXTO_BENCH_PG_URL or TEXTO_TEST_PG_URL');
} finally {
  await server.stop();
}
