import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type Compilable, Kysely, PostgresDialect, type RawBuilder, type SqlBool } from 'kysely';
import pg from 'pg';
import { type Capabilities, postgresCapabilities, sqliteCapabilities } from './capabilities.ts';
import { mayTrustReferences, postgresBulkSession } from './postgres-bulk-session.ts';
import type { Database } from './schema.ts';
import { sqliteBulkSession } from './sqlite-bulk-session.ts';
import { cacheStatements } from './statement-cache.ts';
import { WriteFirstSqliteDialect } from './write-first-sqlite-dialect.ts';

/** Where the store lives: the embedded SQLite file under dataDir, or a PostgreSQL URL. */
export interface StoreOptions {
  readonly dataDir?: string;
  readonly databaseUrl?: string | undefined;
  /** SQLite file path (overrides dataDir); ':memory:' for a private in-memory database. */
  readonly sqlitePath?: string;
  /** PostgreSQL schema to use (search_path), e.g. a per-test schema. */
  readonly pgSchema?: string;
}

/** One transaction on one connection, for bulk work; `copyFrom` only where COPY exists. */
export interface BulkSession {
  readonly db: Kysely<Database>;
  /**
   * Rows a bulk writer should hand over per call. SQLite runs each row directly: 250 keeps a
   * chunk's garbage young. PostgreSQL pays round trips, a parse and a plan per call: 1000 took a
   * 1M-row import from ~50–55 to ~40 s at a peak RSS of 264 MB (250: 233–249 MB; 2000 peaked
   * at 283–325 MB).
   */
  readonly chunkRows: number;
  /**
   * Inserts many rows of one table fast, in this transaction: COPY FROM STDIN on PostgreSQL,
   * one Kysely-compiled single-row INSERT prepared once and reused on SQLite. Returns the new
   * ids in row order where the engine gives them for free (SQLite), null otherwise (COPY).
   */
  insertRows(table: BulkTable, rows: readonly Record<string, unknown>[]): Promise<number[] | null>;
  /**
   * `insertRows` with the values given by position (no object per row in a hot loop), and
   * `constants`: columns whose value is the same for every row, given once (SQLite writes them
   * into the statement, a value less to bind per row).
   */
  insertValues(
    table: BulkTable,
    columns: readonly string[],
    rows: readonly unknown[][],
    constants?: BulkConstants,
  ): Promise<number[] | null>;
  /**
   * Inserts each row unless it conflicts with a unique index (`ON CONFLICT DO NOTHING`) and
   * gives, per row, the new id or null for a conflict, so that rows that are mostly new need
   * no lookup first. SQLite runs its single-row INSERT per row; PostgreSQL COPYs the rows into
   * a staging table of the session and inserts them from there in one statement, each given
   * its id from the table's sequence beforehand so that the ids inserted tell which rows were.
   */
  insertNewValues(
    table: BulkTable,
    columns: readonly string[],
    rows: readonly unknown[][],
    constants?: BulkConstants,
  ): Promise<Array<number | null>>;
  /**
   * Updates rows by id, in this transaction: each row is the values of `columns` in that
   * order, then the id (no copy of each row to reorder it); only rows that also have the
   * `scope` values (their workspace) change.
   * SQLite runs one prepared UPDATE per row; PostgreSQL COPYs the rows into a staging table of
   * the session and updates from it in one statement.
   */
  updateValues(
    table: BulkTable,
    columns: readonly string[],
    rows: readonly unknown[][],
    scope: BulkConstants,
  ): Promise<void>;
  /**
   * A query's rows as arrays of values in the order selected, in this transaction: no object
   * per row (better-sqlite3 builds one property by property, about half the cost of reading a
   * contact back; PostgreSQL's `rowMode: 'array'`).
   */
  selectArrays(query: Compilable): Promise<unknown[][]>;
  /**
   * `column IN (values)` with the values as one bound parameter (SQLite's `json_each`,
   * PostgreSQL's `= ANY`): the statement's text is the same for any number of values, so it is
   * prepared once. An IN list of 500 parameters was prepared anew for every part of a
   * re-import (~1.7 s of one that changed 1M contacts).
   */
  anyOf(column: string, values: readonly (string | number)[]): RawBuilder<SqlBool>;
  /**
   * The columns' values of a row as one JSON array text, to compare with later (SQLite's
   * `json_array`, PostgreSQL's `json_build_array`).
   */
  jsonArrayOf(columns: readonly string[]): RawBuilder<string>;
  /**
   * A temporary table for the work's own bookkeeping, created on the first call: `id`, an
   * integer key, then text columns, none null. It goes when the work ends (dropped, or rolled
   * back with it). On SQLite its pages have a 1 MB cache of their own: in the connection's
   * 16 MB default, a re-import that changed 1M contacts peaked at 318–330 MB against 291–317.
   */
  scratchTable(name: string, columns: readonly string[]): Promise<void>;
  /**
   * Refreshes the planner's statistics of tables that grew inside this transaction, on the
   * columns given (ANALYZE on PostgreSQL, whose plans, foreign-key checks included, would
   * otherwise keep treating them as empty and scan them for every row); nothing on SQLite.
   */
  refreshStatistics(columns: Partial<Record<BulkTable, readonly string[]>>): Promise<void>;
}

export type BulkTable = keyof Database & string;
/** Column values shared by every row of an insert: text, numbers or null. */
export type BulkConstants = Readonly<Record<string, string | number | null>>;

export interface BulkOptions {
  /**
   * The work references only rows it has read or written itself in this transaction (its
   * workspace, the contacts and evidences it just inserted): SQLite then skips its foreign-key
   * checks for the session, three index lookups per imported row, ~15% of a 1M-row import.
   * PostgreSQL sets `session_replication_role = replica` for the transaction where the role
   * may (each checked row ran a trigger's query: ~8 µs a consent event), else checks them.
   */
  readonly trustReferences?: boolean;
}

/**
 * SQLite page cache: 16 MB for a connection, 40 MB during a bulk session, where it holds the
 * number index of a 1M-contact workspace (~31 MB, inserted at random places) and the pages
 * being appended. 32, 40 and 48 MB measured alike at 1M rows, within the machine's noise.
 */
const cacheKib = 16 * 1024;
const bulkCacheKib = 40 * 1024;
/** The page cache of a bulk session's scratch tables (`scratchTable`). */
const scratchCacheKib = 1024;

export interface Store {
  readonly db: Kysely<Database>;
  readonly capabilities: Capabilities;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  bulk<T>(work: (session: BulkSession) => Promise<T>, options?: BulkOptions): Promise<T>;
  close(): Promise<void>;
}

export function openStore(options: StoreOptions): Store {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.pgSchema);
  const path =
    options.sqlitePath ??
    (url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : undefined) ??
    sqliteFileIn(options.dataDir ?? './data');
  return openSqlite(path);
}

function sqliteFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'texto.db');
}

function openSqlite(path: string): Store {
  const raw = new SqliteDatabase(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma(`cache_size = -${cacheKib}`);
  const db = new Kysely<Database>({
    dialect: new WriteFirstSqliteDialect({ database: cacheStatements(raw) }),
  });
  return {
    db,
    capabilities: sqliteCapabilities,
    bulk: (work, options) =>
      // The connection is this session's until it ends: pragmas set here (they take effect
      // only outside a transaction) cannot leak into another caller's work.
      db.connection().execute(async (connection) => {
        const unchecked = options?.trustReferences === true;
        const tempCache = raw.pragma('temp.cache_size', { simple: true }) as number;
        raw.pragma(`cache_size = -${bulkCacheKib}`);
        raw.pragma(`temp.cache_size = -${scratchCacheKib}`);
        if (unchecked) raw.pragma('foreign_keys = OFF');
        try {
          return await connection.transaction().execute(async (trx) => {
            const bulk = sqliteBulkSession(raw, trx);
            const result = await work({
              ...bulk.session,
              insertRows: byPosition(bulk.session.insertValues),
            });
            await bulk.end();
            return result;
          });
        } finally {
          if (unchecked) raw.pragma('foreign_keys = ON');
          raw.pragma(`cache_size = -${cacheKib}`);
          raw.pragma(`temp.cache_size = ${tempCache}`);
        }
      }),
    close: () => db.destroy(),
  };
}

/** bigint (COUNT, bigserial) and numeric come back as JS numbers: ids stay below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function openPostgres(url: string, schema: string | undefined): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    types: types as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the server closes (a restart, a failover, a proxy's idle timeout) is
  // reported here; unhandled, the event ended the process. The pool drops that connection and
  // opens a new one for the next query, which is all there is to do.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    capabilities: postgresCapabilities,
    async bulk(work, options) {
      const client = await pool.connect();
      const unchecked = options?.trustReferences === true && (await mayTrustReferences(client));
      const single = {
        // Kysely releases what it gets: give it a view of the client whose release does nothing.
        connect: async () => ({
          query: client.query.bind(client) as pg.PoolClient['query'],
          release: () => {},
        }),
        end: async () => {},
      };
      const session = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
      try {
        return await session.transaction().execute(async (trx) => {
          // Foreign-key triggers off for this transaction only (see BulkOptions).
          if (unchecked) await client.query('SET LOCAL session_replication_role = replica');
          const bulk = postgresBulkSession(client, trx);
          return work({ ...bulk, insertRows: byPosition(bulk.insertValues) });
        });
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/** `insertRows` in terms of `insertValues`: the first row's columns, values by position. */
function byPosition(insertValues: BulkSession['insertValues']): BulkSession['insertRows'] {
  return (table, rows) => {
    const columns = rows.length === 0 ? [] : Object.keys(rows[0]!);
    return insertValues(
      table,
      columns,
      rows.map((row) => columns.map((c) => row[c] ?? null)),
    );
  };
}
