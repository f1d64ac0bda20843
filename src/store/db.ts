import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Capabilities, postgresCapabilities, sqliteCapabilities } from './capabilities.ts';
import type { Database } from './schema.ts';
import { cacheStatements } from './statement-cache.ts';

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
   * Inserts many rows of one table fast, in this transaction: COPY FROM STDIN on PostgreSQL,
   * one Kysely-compiled single-row INSERT prepared once and reused on SQLite. Returns the new
   * ids in row order where the engine gives them for free (SQLite), null otherwise (COPY).
   */
  insertRows(table: BulkTable, rows: readonly Record<string, unknown>[]): Promise<number[] | null>;
  /**
   * Refreshes the planner's statistics of tables that grew inside this transaction (ANALYZE on
   * PostgreSQL, whose plans, foreign-key checks included, would otherwise keep treating them as
   * empty and scan them for every row); nothing on SQLite.
   */
  refreshStatistics(tables: readonly BulkTable[]): Promise<void>;
}

export type BulkTable = keyof Database & string;

export interface Store {
  readonly db: Kysely<Database>;
  readonly capabilities: Capabilities;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  bulk<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
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
  // 16 MB of page cache (default 2 MB): a big import keeps more index pages in memory.
  raw.pragma('cache_size = -16384');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cacheStatements(raw) }),
  });
  return {
    db,
    capabilities: sqliteCapabilities,
    bulk: (work) =>
      db.transaction().execute((trx) => {
        const prepared = new Map<string, SqliteDatabase.Statement>();
        return work({
          db: trx,
          async insertRows(table, rows) {
            if (rows.length === 0) return [];
            const columns = Object.keys(rows[0]!);
            const key = `${table}(${columns.join(',')})`;
            let statement = prepared.get(key);
            if (!statement) {
              const one = Object.fromEntries(columns.map((c) => [c, null]));
              statement = raw.prepare(
                trx
                  .insertInto(table)
                  .values(one as never)
                  .compile().sql,
              );
              prepared.set(key, statement);
            }
            const ids: number[] = [];
            for (const row of rows) {
              ids.push(Number(statement.run(columns.map((c) => row[c] ?? null)).lastInsertRowid));
            }
            return ids;
          },
          async refreshStatistics() {},
        });
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    capabilities: postgresCapabilities,
    async bulk(work) {
      const client = await pool.connect();
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
        return await session.transaction().execute((trx) =>
          work({
            db: trx,
            async insertRows(table, rows) {
              if (rows.length === 0) return null;
              const columns = Object.keys(rows[0]!);
              const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
              const lines = rows.map((r) => `${columns.map((c) => csvValue(r[c])).join(',')}\n`);
              await pipeline(Readable.from(lines), client.query(copyFrom(sql)));
              return null;
            },
            async refreshStatistics(tables) {
              await client.query(`ANALYZE ${tables.join(', ')}`);
            },
          }),
        );
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/** One COPY CSV value: empty for null, quoted text otherwise (so '' stays an empty string). */
function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return `"${String(v).replaceAll('"', '""')}"`;
}
