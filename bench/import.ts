/**
 * CSV import of 1,000,000 realistic contact rows (budget: ≤ 10 s and peak RSS ≤ 300 MB on
 * SQLite, docs/architecture.md), then the same file on PostgreSQL through COPY when a
 * PostgreSQL URL is available (TEXTO_BENCH_PG_URL, else TEXTO_TEST_PG_URL).
 *
 * The file has the Contract's columns, varied values, ~1% bad rows (invalid numbers, landlines,
 * bad dates) and ~1% duplicate numbers. Each import runs in a child process so its peak RSS
 * (getrusage maxrss) is its own. Baseline, measured in the same run on the same file: reading
 * and splitting it into fields (the floor any import pays, no validation and no database);
 * the ratio shows what validation, consent hashing and storage cost on top. The same file is
 * then imported again into the same database (every number stored: nothing may change), then
 * once more with every first name changed (every stored contact merged and written back: the
 * import's peak of memory, held to the same 300 MB). The budget was set on another machine:
 * the documented contacts-storage baseline (sms-tech §4.4), run here just before and after
 * the import, says how much slower this one is, and the import's time scaled by it estimates
 * the figure on that machine.
 *
 *   npm run bench:import [-- --rows 200000] [--only-file FILE]
 *
 * `--only-file FILE` writes the generated file there and stops (to profile an import of it:
 * `node --cpu-prof --import tsx bench/import.ts --child FILE DATA_DIR`).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { importContacts } from '../src/services/import.ts';
import { openStore } from '../src/store/db.ts';
import { migrateStore } from '../src/store/migrate.ts';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

if (args[0] === '--child') {
  const [, file, dataDir, url, schema] = args;
  const store = openStore({
    dataDir,
    databaseUrl: url || undefined,
    pgSchema: schema || undefined,
  });
  await migrateStore(store, new Date());
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const outcome = await importContacts(store, {
    file: file!,
    workspaceId: 'default',
    now: new Date(),
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await store.close();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ seconds, cpuSeconds, maxRssMb, outcome }));
  process.exit(0);
}

const rowsArg = args.indexOf('--rows');
const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
const onlyFile = args.indexOf('--only-file');
const dir = mkdtempSync(join(tmpdir(), 'texto-bench-import-'));
const file = onlyFile >= 0 ? args[onlyFile + 1]! : join(dir, 'contacts.csv');

/** Deterministic PRNG (mulberry32) so every run imports the same file. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(): Promise<void> {
  const r = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const firsts = [
    'Jean',
    'Marie',
    'Hélène',
    'Léa',
    'Lucas',
    'Chloé',
    'Noah',
    'Inès',
    'Hugo',
    'Zoé',
  ];
  const lasts = [
    'Martin',
    'Bernard',
    'Dubois',
    'Thomas',
    'Robert',
    'Petit',
    'Durand',
    'Lefèvre',
    'Payet',
    'Hoarau',
  ];
  const postal = [
    '75011',
    '69003',
    '13001',
    '31000',
    '33000',
    '59000',
    '67000',
    '44000',
    '06000',
    '97400',
    '97200',
    '35000',
  ];
  const interests = [
    'sport',
    'cuisine',
    'voyage',
    'mode',
    'jardinage',
    'cinéma',
    'musique',
    'high-tech',
  ];
  const transports = ['car', 'bicycle', 'public_transport', 'walking', 'motorbike'];
  const housing = ['house_owner', 'house_tenant', 'flat_owner', 'flat_tenant', ''];
  const income = ['lt15k', '15k-30k', '30k-45k', '45k-60k', '60k-90k', 'gt90k', ''];
  const out = createWriteStream(file);
  out.write(
    'phone,first_name,last_name,postal_code,birth_date,gender,children,profession,income,housing,transport,interests,' +
      'consent_basis,consent_mechanism,consent_wording,consent_collected_at,consent_form_url,consent_ip\n',
  );
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const dup = i > 0 && r() < 0.01;
    const n = dup ? Math.floor(r() * i) : i;
    const bad = r();
    const phone =
      bad < 0.004
        ? `06${n}`
        : bad < 0.007
          ? `01${String(n).padStart(8, '0')}`
          : `${n % 3 === 0 ? `07${3 + (n % 7)}` : '06'}${String(10_000_000 + n * 7).slice(n % 3 === 0 ? -7 : -8)}`;
    const cp = pick(postal);
    const overseas = cp.startsWith('97');
    const finalPhone =
      overseas && bad >= 0.007 ? `0692${String(n).padStart(6, '0').slice(-6)}` : phone;
    const year = 1940 + Math.floor(r() * 65);
    const birth =
      bad > 0.997
        ? `${year}-13-40`
        : `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const tags = [pick(interests), pick(interests)].join('|');
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    chunk +=
      `${finalPhone},${pick(firsts)},${pick(lasts)},${cp},${birth},${r() < 0.5 ? 'F' : 'M'},${Math.floor(r() * 4)},` +
      `${1 + Math.floor(r() * 8)},${pick(income)},${pick(housing)},${pick(transports)},${tags},opt_in,` +
      `${r() < 0.7 ? 'unticked_checkbox' : 'double_opt_in'},"J'accepte de recevoir les offres SMS de Dupont, résiliable à tout moment",` +
      `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${day}T10:${day}:00Z,https://dupont.example/form,203.0.113.${n % 250}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve) => out.end(chunk, () => resolve()));
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}
function timing(start: number, cpu: NodeJS.CpuUsage): Timing {
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}
const load = () => `load ${loadavg()[0]!.toFixed(1)}`;
const fmt = (t: Timing) => `${t.seconds.toFixed(2)} s wall, ${t.cpuSeconds.toFixed(2)} s CPU`;

/**
 * The lines of `path`, by runs: those completed by each 1 MB read (the last one, unterminated,
 * at the end). Read and decoded as every floor below and the changed file need it.
 */
async function* lineRuns(path: string): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const lines = (rest + decoder.decode(chunk as Buffer, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
  if (rest !== '') yield [rest];
}

/** The floor: read, decode and split every line into fields. */
async function baseline(): Promise<Timing> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let fields = 0;
  for await (const lines of lineRuns(file)) {
    for (const line of lines) fields += line.split(',').length;
  }
  if (fields === 0) throw new Error('empty file');
  return timing(start, cpu);
}

/** A second floor: the same lines split and stored by a bare prepared INSERT (phone UNIQUE). */
async function bareInsert(): Promise<Timing> {
  const db = new SqliteDatabase(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE bare (id INTEGER PRIMARY KEY, phone TEXT UNIQUE, first_name TEXT, last_name TEXT)',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO bare (phone, first_name, last_name) VALUES (?, ?, ?)',
  );
  const start = performance.now();
  const cpu = process.cpuUsage();
  db.exec('BEGIN');
  for await (const lines of lineRuns(file)) {
    for (const line of lines) {
      const [phone, first, last] = line.split(',');
      insert.run(phone, first, last);
    }
  }
  db.exec('COMMIT');
  const result = timing(start, cpu);
  db.close();
  return result;
}

/**
 * The machine's speed against the one the budgets were set on: the contacts-storage baseline
 * of ../shared/docs/sms-tech.md §4.4 as it is described there (1M rows of an E.164 number
 * kept UNIQUE, a first name, one of 13 regions, an age, a gender, an opt-in flag and a
 * timestamp; WAL, synchronous NORMAL, one transaction, one prepared INSERT), which took
 * `referenceSeconds` on that 2-vCPU machine. No file, no import code: only this machine.
 */
const referenceSeconds = 2.22;
function referenceInsert(): number {
  const path = join(dir, `reference-${randomBytes(4).toString('hex')}.db`);
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone TEXT UNIQUE, first_name TEXT, region TEXT, age INTEGER, gender TEXT, opt_in INTEGER, created_at TEXT)',
  );
  const insert = db.prepare(
    'INSERT INTO contacts (phone, first_name, region, age, gender, opt_in, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const regions = [
    'IDF',
    'ARA',
    'NAQ',
    'OCC',
    'HDF',
    'GES',
    'PAC',
    'PDL',
    'BRE',
    'NOR',
    'BFC',
    'CVL',
    'COR',
  ];
  const r = prng(7);
  const at = new Date().toISOString();
  const start = performance.now();
  db.transaction(() => {
    for (let i = 0; i < 1_000_000; i++) {
      // Unique numbers in random order: a random 3-digit prefix before the row's own 6 digits.
      const phone = `+336${String(Math.floor(r() * 100)).padStart(2, '0')}${String(i).padStart(6, '0')}`;
      insert.run(
        phone,
        'Jean',
        regions[i % 13],
        18 + Math.floor(r() * 63),
        'FMX'[i % 3],
        i & 1,
        at,
      );
    }
  })();
  const seconds = (performance.now() - start) / 1000;
  db.close();
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  return seconds;
}

/**
 * The storage floor of the real schema: each line's contact row and consent-event row
 * (every column of both tables filled, indexes as migrated, the PRAGMAs of the store's bulk
 * session for an import: foreign keys unchecked, 40 MB of page cache) inserted by raw prepared
 * statements, values spread as arguments, with no validation, merging or hashing.
 */
async function pairInsert(): Promise<Timing> {
  const pairsDir = join(dir, 'pairs');
  const store = openStore({ dataDir: pairsDir });
  await migrateStore(store, new Date());
  await store.close();
  const db = new SqliteDatabase(join(pairsDir, 'texto.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -40960');
  const columnsOf = (table: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>)
      .map((c) => c.name)
      .filter((name) => name !== 'id');
  const contactColumns = columnsOf('contacts');
  const eventColumns = columnsOf('consent_events');
  const insert = (table: string, columns: string[], or = '') =>
    db.prepare(
      `INSERT ${or} INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
  const insertContact = insert('contacts', contactColumns, 'OR IGNORE');
  const insertEvent = insert('consent_events', eventColumns);
  // The file's one shared evidence row (wording, form, source), as the import stores it.
  const evidenceId = db
    .prepare(
      "INSERT INTO consent_evidence (workspace_id, kind, basis, mechanism, wording, source_type, partner_consent, prechecked, bundled_with_terms) VALUES ('default', 'granted', 'opt_in', 'unticked_checkbox', ?, 'first_party', 0, 0, 0)",
    )
    .run(
      "J'accepte de recevoir les offres SMS de Dupont, résiliable à tout moment",
    ).lastInsertRowid;
  const iso = new Date().toISOString();
  const hex = 'ab'.repeat(32);
  const start = performance.now();
  const cpu = process.cpuUsage();
  let first = true;
  db.exec('BEGIN');
  for await (const lines of lineRuns(file)) {
    for (const line of lines) {
      if (first) {
        first = false;
        continue;
      }
      const f = line.split(',');
      const phone = `+33${f[0]!.slice(1)}`;
      const contact = contactColumns.map((c) =>
        c === 'workspace_id'
          ? 'default'
          : c === 'list_id'
            ? null
            : c === 'phone'
              ? phone
              : c.endsWith('_at') || c === 'consent_valid_until'
                ? iso
                : (f[contactColumns.indexOf(c) % 12] ?? null),
      );
      const added = insertContact.run(...contact);
      if (added.changes === 0) continue;
      const id = Number(added.lastInsertRowid);
      const event = eventColumns.map((c) =>
        c === 'contact_id'
          ? id
          : c === 'seq'
            ? 1
            : c === 'evidence_id'
              ? evidenceId
              : c === 'hash'
                ? hex
                : c.endsWith('_at')
                  ? iso
                  : (f[12 + (eventColumns.indexOf(c) % 6)] ?? null),
      );
      insertEvent.run(...event);
    }
  }
  db.exec('COMMIT');
  const result = timing(start, cpu);
  db.close();
  return result;
}

/**
 * The file as a CRM would export it again once every contact changed: each first name gets an
 * 'e' (a merge that changes every stored contact, the import's most expensive path).
 */
async function changeFirstNames(changed: string): Promise<void> {
  const out = createWriteStream(changed);
  let header = true;
  const change = (line: string) => {
    if (header) {
      header = false;
      return line;
    }
    return line.replace(/^([^,]*,[^,]*)/, '$1e');
  };
  for await (const lines of lineRuns(file)) {
    if (!out.write(`${lines.map(change).join('\n')}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function runChild(label: string, dataDir: string, url = '', schema = '', input = file) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', self, '--child', input, dataDir, url, schema],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (child.status !== 0) throw new Error(`${label} import failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as {
    seconds: number;
    cpuSeconds: number;
    maxRssMb: number;
    outcome: { ok: boolean; summary: Record<string, unknown> };
  };
}

console.log(`generating ${rows.toLocaleString('en')} rows…`);
await generate();
if (onlyFile >= 0) {
  rmSync(dir, { recursive: true, force: true });
  console.log(`written ${file}`);
  process.exit(0);
}
console.log(
  `file: ${(statSync(file).size / 1e6).toFixed(0)} MB; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const base = await baseline();
console.log(`baseline (read + split, no validation, no DB): ${fmt(base)}; ${load()}`);
const bare = await bareInsert();
console.log(
  `baseline (read + split + bare prepared INSERT of phone and names, SQLite): ${fmt(bare)}; ${load()}`,
);

const pairs = await pairInsert();
console.log(
  `baseline (read + split + raw INSERT of each contact row and consent-event row, real schema, SQLite): ${fmt(pairs)}; ${load()}`,
);

const scale = rows / 1_000_000;
// Measured just before and just after the import: this machine's speed drifts within minutes.
const referenceBefore = referenceInsert();
const sqlite = runChild('SQLite', join(dir, 'data'));
const referenceAfter = referenceInsert();
const s = sqlite.outcome.summary;
console.log(
  `SQLite: ${fmt(sqlite)} (${Math.round(rows / sqlite.seconds).toLocaleString('en')} rows/s), ` +
    `peak RSS ${sqlite.maxRssMb.toFixed(0)} MB, ratio wall ${(sqlite.seconds / base.seconds).toFixed(1)}× split, ` +
    `${(sqlite.seconds / bare.seconds).toFixed(1)}× bare INSERT, ${(sqlite.seconds / pairs.seconds).toFixed(1)}× raw pair INSERT; ` +
    `CPU ${(sqlite.cpuSeconds / pairs.cpuSeconds).toFixed(1)}× raw pair INSERT; ${load()}; ` +
    `imported ${s.imported}, duplicates ${s.duplicates}, rejected ${s.rejected}`,
);
console.log(
  `  budget (1M rows ≤ 10 s, ≤ 300 MB): ${sqlite.seconds <= 10 * scale && sqlite.maxRssMb <= 300 ? 'MET' : 'NOT MET'}`,
);
// The same file again into the same database: every number stored (a CRM's weekly export).
const again = runChild('SQLite re-import', join(dir, 'data'));
const a = again.outcome.summary;
console.log(
  `SQLite, the same file again: ${fmt(again)}, peak RSS ${again.maxRssMb.toFixed(0)} MB; ${load()}; ` +
    `imported ${a.imported}, updated ${a.updated}, unchanged ${a.unchanged}, duplicates ${a.duplicates}`,
);
// Every contact changed: the merge path for every row, the import's peak of memory.
const changedFile = join(dir, 'contacts-changed.csv');
await changeFirstNames(changedFile);
const changed = runChild('SQLite changed re-import', join(dir, 'data'), '', '', changedFile);
const c = changed.outcome.summary;
console.log(
  `SQLite, every contact changed (each first name): ${fmt(changed)}, peak RSS ${changed.maxRssMb.toFixed(0)} MB ` +
    `(${changed.maxRssMb <= 300 ? 'within' : 'OVER'} 300 MB); ${load()}; ` +
    `imported ${c.imported}, updated ${c.updated}, unchanged ${c.unchanged}, duplicates ${c.duplicates}`,
);
const slower = (referenceBefore + referenceAfter) / 2 / referenceSeconds;
console.log(
  `  this machine: the sms-tech §4.4 insert took ${referenceBefore.toFixed(2)} s before and ${referenceAfter.toFixed(2)} s after ` +
    `(${referenceSeconds} s on the machine the budgets were set on: ${slower.toFixed(2)}× its time); ` +
    `the import scaled to that machine ≈ ${(sqlite.seconds / slower).toFixed(1)} s (an estimate; the budget is ${(10 * scale).toFixed(1)} s)`,
);
// The floor under the budget: storing the rows alone, on one thread, with nothing else done.
console.log(
  `  the raw pair INSERT scaled the same way ≈ ${(pairs.seconds / slower).toFixed(1)} s ` +
    '(reading and splitting the file, then each contact row and its event row stored: no validation, no hashing, no merging)',
);

const url = process.env.TEXTO_BENCH_PG_URL ?? process.env.TEXTO_TEST_PG_URL;
if (!url) console.log('PostgreSQL: skipped (set TEXTO_BENCH_PG_URL or TEXTO_TEST_PG_URL)');
else {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const pgRun = runChild('PostgreSQL', join(dir, 'unused'), url, schema);
    console.log(
      `PostgreSQL (COPY): ${fmt(pgRun)} in Node (server CPU not counted) (${Math.round(rows / pgRun.seconds).toLocaleString('en')} rows/s), ` +
        `peak RSS ${pgRun.maxRssMb.toFixed(0)} MB, ratio wall ${(pgRun.seconds / base.seconds).toFixed(1)}× split; ${load()}; imported ${pgRun.outcome.summary.imported}`,
    );
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
rmSync(dir, { recursive: true, force: true });
