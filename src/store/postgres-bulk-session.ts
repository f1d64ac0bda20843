import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type SqlBool, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BulkSession } from './db.ts';
import type { Database } from './schema.ts';

/**
 * A bulk session on PostgreSQL, on the transaction's own client (db.ts adds `insertRows`):
 * rows go in through COPY FROM STDIN.
 */
export function postgresBulkSession(
  client: pg.PoolClient,
  trx: Transaction<Database>,
): Omit<BulkSession, 'insertRows'> {
  const copyRows = async (
    table: string,
    columns: readonly string[],
    rows: readonly unknown[][],
    line: (row: unknown[], i: number) => string,
  ) => {
    const copy = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
    // One buffer per call: a write per line made the socket writes cost more than the rows.
    let text = '';
    for (const [i, r] of rows.entries()) text += line(r, i);
    await pipeline(Readable.from([text]), client.query(copyFrom(copy)));
  };
  /** A value as an SQL literal, quoted by Kysely (never spliced in by hand). */
  const literal = (v: string | number | null) => sql.lit(v).compile(trx).sql;
  const stagingNames = new Map<string, string>();
  /** A staging table of the session for these columns of `table`, led by `lead`. */
  const stagingFor = async (table: string, lead: string, columns: readonly string[]) => {
    const key = JSON.stringify([table, lead, columns]);
    let name = stagingNames.get(key);
    if (!name) {
      name = `bulk_staging_${stagingNames.size}`;
      await client.query(
        `CREATE TEMP TABLE ${name} ON COMMIT DROP AS SELECT ${lead}, ${columns.join(', ')} FROM ${table} WITH NO DATA`,
      );
      stagingNames.set(key, name);
    }
    return name;
  };
  /**
   * COPYs `rows` into the staging table for `columns` of `table` (`lead` first), runs `query`
   * on it, and empties it for the next call.
   */
  const throughStaging = async (
    target: { table: string; lead: string; columns: readonly string[] },
    copy: {
      columns: readonly string[];
      rows: readonly unknown[][];
      line: (row: unknown[], i: number) => string;
    },
    query: (name: string) => pg.QueryConfig,
  ) => {
    const name = await stagingFor(target.table, target.lead, target.columns);
    await copyRows(name, copy.columns, copy.rows, copy.line);
    const result = await client.query(query(name));
    await client.query(`TRUNCATE ${name}`);
    return result;
  };
  const sequences = new Map<string, string>();
  /** `nextval` of the table's id sequence, its name looked up once (not once per row). */
  const nextId = async (table: string) => {
    let call = sequences.get(table);
    if (!call) {
      const { rows } = await client.query<{ name: string }>(
        "SELECT pg_get_serial_sequence($1, 'id') AS name",
        [table],
      );
      call = `nextval(${literal(rows[0]!.name)})`;
      sequences.set(table, call);
    }
    return call;
  };
  const scratch = new Set<string>();
  return {
    db: trx,
    chunkRows: 1000,
    async insertValues(table, columns, rows, constants = {}) {
      if (rows.length === 0) return null;
      const all = [...columns, ...Object.keys(constants)];
      const tail = Object.values(constants)
        .map((v) => `,${csvValue(v)}`)
        .join('');
      await copyRows(table, all, rows, (r) => `${r.map(csvValue).join(',')}${tail}\n`);
      return null;
    },
    async insertNewValues(table, columns, rows, constants = {}) {
      if (rows.length === 0) return [];
      const list = columns.join(', ');
      const targets = [...columns, ...Object.keys(constants)].join(', ');
      const values = [...columns, ...Object.values(constants).map(literal)].join(', ');
      const next = await nextId(table);
      // The target's column types, and each row's position. Ids drawn in row order before the
      // insert (volatile functions run after ORDER BY): those it returns are the rows it took;
      // a refused row's id is never used, as with any sequence value drawn and not kept.
      const result = await throughStaging(
        { table, lead: '0 AS n', columns },
        {
          columns: ['n', ...columns],
          rows,
          line: (r, i) => `${i},${r.map(csvValue).join(',')}\n`,
        },
        (name) => ({
          text: `WITH s AS MATERIALIZED (SELECT n, ${next} AS id, ${list} FROM ${name} ORDER BY n),
          ins AS (INSERT INTO ${table} (id, ${targets}) SELECT id, ${values} FROM s ORDER BY n ON CONFLICT DO NOTHING RETURNING id)
          SELECT s.n, s.id FROM s JOIN ins ON ins.id = s.id`,
          rowMode: 'array',
        }),
      );
      const ids: Array<number | null> = rows.map(() => null);
      for (const [n, id] of result.rows as Array<[number, number]>) ids[n] = id;
      return ids;
    },
    async updateValues(table, columns, rows, scope) {
      if (rows.length === 0) return;
      const set = columns.map((c) => `${c} = s.${c}`).join(', ');
      const within = Object.entries(scope)
        .map(([c, v]) => ` AND t.${c} ${v === null ? 'IS' : '='} ${literal(v)}`)
        .join('');
      await throughStaging(
        { table, lead: 'id', columns },
        { columns: [...columns, 'id'], rows, line: (r) => `${r.map(csvValue).join(',')}\n` },
        (name) => ({
          text: `UPDATE ${table} t SET ${set} FROM ${name} s WHERE t.id = s.id${within}`,
        }),
      );
    },
    async scratchTable(name, columns) {
      if (scratch.has(name)) return;
      const text = columns.map((c) => sql`${sql.id(c)} text not null`);
      await sql`CREATE TEMP TABLE ${sql.id(name)} (id bigint PRIMARY KEY, ${sql.join(text)}) ON COMMIT DROP`.execute(
        trx,
      );
      scratch.add(name);
    },
    anyOf: (column, values) => sql<SqlBool>`${sql.ref(column)} = ANY(${values})`,
    jsonArrayOf: (columns) =>
      sql<string>`json_build_array(${sql.join(columns.map((c) => sql.ref(c)))})::text`,
    async selectArrays(query) {
      const { sql: text, parameters } = query.compile();
      const result = await client.query({
        text,
        values: parameters as unknown[],
        rowMode: 'array',
      });
      return result.rows as unknown[][];
    },
    async refreshStatistics(tables) {
      // Only the columns the work looks rows up by: sampling every other column cost ~1 s of a
      // 200k-row import in sorting alone.
      const each = Object.entries(tables).map(([t, cs]) => `${t} (${cs.join(', ')})`);
      await client.query(`ANALYZE ${each.join(', ')}`);
    },
  };
}

/**
 * Whether this connection's role may turn foreign-key triggers off for a transaction
 * (`session_replication_role`): a superuser, or granted SET on it (PostgreSQL 15+). Else the
 * checks stay on, and the work is only slower.
 */
export async function mayTrustReferences(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean; version: number }>(
    "SELECT current_setting('is_superuser') = 'on' AS ok, current_setting('server_version_num')::int AS version",
  );
  if (rows[0]!.ok) return true;
  if (rows[0]!.version < 150000) return false;
  const granted = await client.query<{ ok: boolean }>(
    "SELECT has_parameter_privilege('session_replication_role', 'SET') AS ok",
  );
  return granted.rows[0]!.ok;
}

/** One COPY CSV value: empty for null, quoted text otherwise (so '' stays an empty string). */
function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return `"${String(v).replaceAll('"', '""')}"`;
}
