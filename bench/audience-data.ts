/**
 * Synthetic French contacts for bench/audience.ts, generated inside the database: realistic
 * distributions live in small "slot" tables built here (100,000 rows each, drawn with a seeded
 * PRNG), and INSERT … SELECT over a series of row numbers picks one slot per table with a
 * multiplicative hash of the row number. Same data on SQLite and PostgreSQL, no CSV.
 */
import { createRequire } from 'node:module';
import { type Kysely, sql } from 'kysely';
import type { Store } from '../src/store/db.ts';

const require = createRequire(import.meta.url);
const slots = 100_000;
const modulus = 1_000_003;

let seed = 2026;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
function weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}
const pad = (n: number) => String(n).padStart(2, '0');

interface Commune {
  code: string;
  departement: string;
  region: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
}

function communeSlots() {
  const communes = (
    require('@etalab/decoupage-administratif/data/communes.json') as Commune[]
  ).filter(
    (c) => c.type === 'commune-actuelle' && (c.population ?? 0) > 0 && c.codesPostaux?.length,
  );
  const total = communes.reduce((s, c) => s + c.population!, 0);
  const rows = [];
  let c = 0;
  let cumulative = communes[0]!.population!;
  for (let slot = 0; slot < slots; slot += 1) {
    const target = ((slot + 0.5) / slots) * total;
    while (cumulative < target && c < communes.length - 1) {
      c += 1;
      cumulative += communes[c]!.population!;
    }
    const commune = communes[c]!;
    const postal = commune.codesPostaux![Math.floor(random() * commune.codesPostaux!.length)]!;
    rows.push({
      slot,
      commune_code: commune.code,
      postal_code: postal,
      department: commune.departement,
      region: commune.region,
    });
  }
  return rows;
}

// Adults by age band (INSEE 2024, rounded), French PCS 2020 groups incl. retired (7) and other (8).
const ageBands: Array<readonly [[number, number], number]> = [
  [[18, 24], 10],
  [[25, 34], 15],
  [[35, 44], 16],
  [[45, 54], 17],
  [[55, 64], 16],
  [[65, 74], 14],
  [[75, 95], 12],
];
const interests = [
  ['cuisine', 35],
  ['voyage', 30],
  ['sport', 30],
  ['mode', 22],
  ['jardinage', 18],
  ['bricolage', 20],
  ['musique', 25],
  ['cinema', 24],
  ['lecture', 20],
  ['jeux-video', 12],
  ['beaute', 18],
  ['high-tech', 15],
  ['animaux', 25],
  ['auto', 12],
  ['vin', 10],
] as const;

function profileSlots() {
  const rows = [];
  for (let slot = 0; slot < slots; slot += 1) {
    const [low, high] = weighted(ageBands);
    const age = low + Math.floor(random() * (high - low + 1));
    const birthYear = 2026 - age - (random() < 0.9 ? 0 : 1);
    const birthDate = `${birthYear}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
    const known = random();
    const picks = interests.filter(([, p]) => random() * 100 < p).map(([t]) => t);
    const transport = [
      ['voiture', 70],
      ['transports', 30],
      ['velo', 12],
      ['moto', 5],
    ]
      .filter(([, p]) => random() * 100 < (p as number))
      .map(([t]) => t);
    rows.push({
      slot,
      birth_date: known < 0.7 ? birthDate : null,
      birth_year: known < 0.85 ? birthYear : null,
      gender: weighted([
        ['F', 51],
        ['M', 47],
        ['X', 0.5],
        [null, 1.5],
      ] as const),
      children: weighted([
        [0, 45],
        [1, 20],
        [2, 22],
        [3, 9],
        [4, 4],
        [null, 10],
      ] as const),
      profession: weighted([
        ['1', 1],
        ['2', 4],
        ['3', 12],
        ['4', 16],
        ['5', 16],
        ['6', 12],
        ['7', 27],
        ['8', 7],
        [null, 5],
      ] as const),
      income: weighted([
        ['<15k', 20],
        ['15-30k', 35],
        ['30-45k', 25],
        ['45-60k', 12],
        ['60k+', 8],
      ] as const),
      housing: weighted([
        ['owner', 58],
        ['tenant', 38],
        ['other', 4],
      ] as const),
      interests: picks.length ? `|${picks.join('|')}|` : null,
      transport: transport.length ? `|${transport.join('|')}|` : null,
    });
  }
  return rows;
}

function consentSlots() {
  const rows = [];
  for (let slot = 0; slot < slots; slot += 1) {
    const status = weighted([
      ['granted', 92],
      ['withdrawn', 3],
      ['none', 5],
    ] as const);
    const collected =
      Date.parse('2023-06-01') + random() * (Date.parse('2026-11-01') - Date.parse('2023-06-01'));
    const last =
      random() < 0.6 ? collected + random() * (Date.parse('2026-11-27') - collected) : null;
    const until = new Date((last ?? collected) + 3 * 365.25 * 86_400_000).toISOString();
    rows.push({
      slot,
      consent_status: status,
      consent_valid_until: status === 'granted' ? until : null,
      consent_basis:
        status === 'granted'
          ? weighted([
              ['consent', 85],
              ['soft_opt_in', 15],
            ] as const)
          : null,
      last_interaction_at: last === null ? null : new Date(last).toISOString(),
      source: weighted([
        ['first_party', 80],
        ['list:prov1@1', 12],
        ['list:prov2@3', 8],
      ] as const),
    });
  }
  return rows;
}

// biome-ignore lint/suspicious/noExplicitAny: bench tables are outside the typed schema
type AnyDb = Kysely<any>;

async function createSlotTable(db: AnyDb, name: string, rows: Record<string, unknown>[]) {
  let table = db.schema.createTable(name).addColumn('slot', 'integer', (c) => c.primaryKey());
  for (const column of Object.keys(rows[0]!)) {
    if (column === 'slot') continue;
    const numeric = rows.some((r) => typeof r[column] === 'number');
    table = table.addColumn(column, numeric ? 'integer' : 'text');
  }
  await table.execute();
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto(name)
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** Creates the slot tables once per database. */
export async function prepareSlots(store: Store): Promise<void> {
  seed = 2026; // the same slots on every database
  const db = store.db as unknown as AnyDb;
  await createSlotTable(db, 'bench_commune', communeSlots());
  await createSlotTable(db, 'bench_profile', profileSlots());
  await createSlotTable(db, 'bench_consent', consentSlots());
}

const pick = (prime: number) => sql.raw(`((s.n * ${prime}) % ${modulus}) % ${slots}`);

/** Inserts contacts numbered from..to (inclusive) into `workspace`, then 1% suppressions. */
export async function insertContacts(
  store: Store,
  workspace: string,
  from: number,
  to: number,
): Promise<void> {
  const series =
    store.capabilities.dialect === 'postgres'
      ? sql`generate_series(${sql.lit(from)}::bigint, ${sql.lit(to)}::bigint) AS s(n)`
      : sql`(WITH RECURSIVE r(n) AS (SELECT ${sql.lit(from)} UNION ALL SELECT n + 1 FROM r WHERE n < ${sql.lit(to)}) SELECT n FROM r) AS s`;
  const now = '2026-11-28T00:00:00.000Z';
  await sql`
    INSERT INTO contacts (workspace_id, list_id, phone, country, territory, postal_code, commune_code,
      department, region, birth_date, birth_year, gender, children, profession, income, housing,
      transport, interests, custom, consent_basis, consent_status, consent_valid_until, source,
      last_interaction_at, created_at, updated_at)
    SELECT ${workspace}, NULL, '+33' || (600000000 + s.n), 'FR', 'FR', c.postal_code, c.commune_code,
      c.department, c.region, p.birth_date, p.birth_year, p.gender, p.children, p.profession, p.income,
      p.housing, p.transport, p.interests, NULL, k.consent_basis, k.consent_status,
      k.consent_valid_until, k.source, k.last_interaction_at, ${now}, ${now}
    FROM ${series}
    JOIN bench_commune c ON c.slot = ${pick(611_953)}
    JOIN bench_profile p ON p.slot = ${pick(746_773)}
    JOIN bench_consent k ON k.slot = ${pick(882_377)}`.execute(store.db);
  await sql`
    INSERT INTO suppressions (workspace_id, phone, reason, origin, created_at)
    SELECT ${workspace}, '+33' || (600000000 + s.n), CASE WHEN s.n % 500 = 0 THEN 'invalid' ELSE 'stop' END, 'bench', ${now}
    FROM ${series} WHERE s.n % 100 = 7 OR s.n % 500 = 0`.execute(store.db);
}
