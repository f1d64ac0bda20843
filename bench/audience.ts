/**
 * Audience counts over 1M and 10M synthetic French contacts (bench/audience-data.ts), budget
 * 1M <= 20 ms and 10M <= 200 ms per count on SQLite (docs/architecture.md). Times typical 3-4
 * criterion counts (reachable + exclusions) and breakdowns three ways, in the same run:
 *   sql      the plain SQL reference (compileAudienceFilter, tallyAudience): the baseline;
 *   columns  the per-workspace column store (matchColumns + tallyColumns);
 *   service  countAudience with the column cache: parse, fingerprint query, columns.
 * PostgreSQL figures beside when TEXTO_BENCH_PG_URL (or TEXTO_TEST_PG_URL) is set.
 * BENCH_AUDIENCE_SIZES=1000000,10000000 (default) chooses the sizes, BENCH_AUDIENCE_ENGINES=sqlite
 * skips PostgreSQL, BENCH_AUDIENCE_SQL_RUNS sets the runs of the (slow) SQL baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { parseAudienceFilter } from '../src/core/audience/parse-audience-filter.ts';
import { countAudience } from '../src/services/audiences.ts';
import { createAudienceColumnCache } from '../src/store/audience-column-cache.ts';
import { matchColumns } from '../src/store/audience-columns.ts';
import { breakdownAudience, tallyAudience } from '../src/store/audience-counts.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateStore } from '../src/store/migrate.ts';
import { tallyColumns } from '../src/store/tally-audience-columns.ts';
import { insertContacts, prepareSlots } from './audience-data.ts';

const sizes = (process.env.BENCH_AUDIENCE_SIZES ?? '1000000,10000000').split(',').map(Number);
const pgUrl = process.env.TEXTO_BENCH_PG_URL ?? process.env.TEXTO_TEST_PG_URL;
const at = '2026-11-28T10:00:00.000Z';
const budget = (size: number) =>
  (size <= 1_000_000 ? 20 : 200) * (size / (size <= 1_000_000 ? 1_000_000 : 10_000_000));

const queries: Array<{ name: string; filter: unknown; breakdown: string[] }> = [
  {
    name: 'Contract example: dept 75/92, 25-34, F, sport|mode',
    filter: {
      all: [
        { field: 'department', in: ['75', '92'] },
        { field: 'age', between: [25, 34] },
        { field: 'gender', eq: 'F' },
        { field: 'interests', anyOf: ['sport', 'mode'] },
      ],
    },
    breakdown: [],
  },
  {
    name: 'AURA, 50+, children >= 1',
    filter: {
      all: [
        { field: 'region', eq: '84' },
        { field: 'age', gte: 50 },
        { field: 'children', gte: 1 },
      ],
    },
    breakdown: [],
  },
  {
    name: 'CP 13*, owner, income 45k+, not car',
    filter: {
      all: [
        { field: 'postalCode', prefix: '13' },
        { field: 'housing', eq: 'owner' },
        { field: 'income', in: ['45-60k', '60k+'] },
        { not: { field: 'transport', anyOf: ['voiture'] } },
      ],
    },
    breakdown: [],
  },
  {
    name: 'M 18-34 OR gaming, active in 180 d',
    filter: {
      all: [
        { field: 'gender', eq: 'M' },
        {
          any: [
            { field: 'age', between: [18, 34] },
            { field: 'interests', allOf: ['jeux-video'] },
          ],
        },
        { field: 'lastInteraction', gte: '-180d' },
      ],
    },
    breakdown: [],
  },
  {
    name: 'Contract example + breakdown department,age,gender',
    filter: {
      all: [
        { field: 'department', in: ['75', '92'] },
        { field: 'age', between: [25, 34] },
        { field: 'gender', eq: 'F' },
        { field: 'interests', anyOf: ['sport', 'mode'] },
      ],
    },
    breakdown: ['department', 'age', 'gender'],
  },
  {
    name: 'women 25-49 + breakdown region,age,profession',
    filter: {
      all: [
        { field: 'gender', eq: 'F' },
        { field: 'age', between: [25, 49] },
      ],
    },
    breakdown: ['region', 'age', 'profession'],
  },
];

async function median(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(8);

async function openEngine(engine: 'sqlite' | 'postgres') {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'texto-bench-audience-'));
    const store = openStore({ sqlitePath: join(dir, 'bench.db') });
    // The slot tables are looked up at random while generating: keep them in SQLite's cache.
    await sql`PRAGMA cache_size = -262144`.execute(store.db);
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_audience_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const store = openStore({ databaseUrl: pgUrl, pgSchema: schema });
  return {
    store,
    dispose: async () => {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<void> {
  const { store, dispose } = await openEngine(engine);
  try {
    await migrateStore(store, new Date(at));
    await prepareSlots(store);
    let loaded = 0;
    for (const size of sizes) {
      const t = performance.now();
      await insertContacts(store, 'default', loaded + 1, size);
      await sql`ANALYZE`.execute(store.db);
      loaded = size;
      console.log(
        `\n[${engine}] ${size.toLocaleString('en-US')} contacts generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      await report(engine, store, size);
    }
  } finally {
    await dispose();
  }
}

async function report(engine: string, store: Store, size: number): Promise<void> {
  const cache = createAudienceColumnCache();
  const memory = process.memoryUsage().arrayBuffers;
  const t = performance.now();
  const cols = await cache.warm(store, 'default');
  const loadMs = performance.now() - t;
  const mb = (process.memoryUsage().arrayBuffers - memory) / 1_048_576;
  console.log(
    `[${engine}] column store loaded in ${(loadMs / 1000).toFixed(1)} s, ${mb.toFixed(0)} MB of typed arrays (columns + value bitsets)`,
  );
  const sqlRuns = Number(process.env.BENCH_AUDIENCE_SQL_RUNS ?? (size > 1_000_000 ? 3 : 5));
  console.log(`${'query'.padEnd(52)} reachable      sql  columns  service  sql/columns  budget`);
  const ratios: number[] = [];
  for (const q of queries) {
    const filter = parseAudienceFilter(q.filter);
    const scope = { db: store.db, caps: store.capabilities, workspaceId: 'default', filter, at };
    let reachable = 0;
    const sqlMs = await median(sqlRuns, async () => {
      reachable = (await tallyAudience(scope)).reachable;
      if (q.breakdown.length) await breakdownAudience(scope, q.breakdown);
    });
    let fromColumns = 0;
    const columnsMs = await median(9, () => {
      fromColumns = tallyColumns(cols, matchColumns(cols, filter, at), at, q.breakdown).reachable;
    });
    const serviceMs = await median(9, async () => {
      const r = await countAudience(
        store,
        { filter: q.filter, breakdown: q.breakdown, at },
        new Date(at),
        cache,
      );
      if (r.engine !== 'columns') throw new Error('the column cache did not answer');
    });
    if (fromColumns !== reachable)
      throw new Error(`columns ${fromColumns} != sql ${reachable} for ${q.name}`);
    ratios.push(sqlMs / columnsMs);
    const ok = serviceMs <= budget(size) ? 'ok' : 'OVER';
    console.log(
      `${q.name.slice(0, 52).padEnd(52)} ${String(reachable).padStart(9)} ${fmt(sqlMs)} ${fmt(columnsMs)} ${fmt(serviceMs)} ${`x${(sqlMs / columnsMs).toFixed(0)}`.padStart(12)}  ${ok} (${budget(size)} ms)`,
    );
  }
  const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
  console.log(
    `[${engine}] ${size.toLocaleString('en-US')}: columns are x${geo.toFixed(0)} faster than plain SQL (geometric mean)`,
  );
}

// How busy the machine is, to compare runs: a fixed integer loop.
const calibration = performance.now();
let sink = 0;
for (let i = 0; i < 100_000_000; i += 1) sink += i & 7;
console.log(
  `cpu calibration: 1e8-step loop in ${(performance.now() - calibration).toFixed(0)} ms (${sink})`,
);
const engines = (process.env.BENCH_AUDIENCE_ENGINES ?? 'sqlite,postgres').split(',');
if (engines.includes('sqlite')) await benchEngine('sqlite');
if (pgUrl && engines.includes('postgres')) await benchEngine('postgres');
else console.log('\nPostgreSQL skipped: set TEXTO_BENCH_PG_URL (or TEXTO_TEST_PG_URL)');
