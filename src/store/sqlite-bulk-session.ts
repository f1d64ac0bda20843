import type SqliteDatabase from 'better-sqlite3';
import { type SqlBool, sql, type Transaction } from 'kysely';
import type { BulkConstants, BulkSession, BulkTable } from './db.ts';
import type { Database } from './schema.ts';

/** `selectArrays` statements kept for the session: those with at most this many parameters. */
const maxKeptArrayParameters = 32;

/**
 * A bulk session on SQLite, in the transaction `trx` of the connection `raw` (db.ts adds
 * `insertRows`): inserts and updates are single-row statements compiled by Kysely, prepared
 * once each and run directly. `end` drops its scratch tables.
 */
export function sqliteBulkSession(
  raw: SqliteDatabase.Database,
  trx: Transaction<Database>,
): { session: Omit<BulkSession, 'insertRows'>; end(): Promise<void> } {
  const prepared = new Map<string, SqliteDatabase.Statement>();
  const scratch = new Set<string>();
  const arrays = new Map<string, SqliteDatabase.Statement>();
  const insertOne = (
    table: BulkTable,
    columns: readonly string[],
    constants: BulkConstants,
    orSkip: boolean,
  ) => {
    const key = JSON.stringify([table, columns, constants, orSkip]);
    let statement = prepared.get(key);
    if (!statement) {
      const one: Record<string, unknown> = Object.fromEntries(columns.map((c) => [c, null]));
      // Literals quoted by Kysely (a quote doubled), never spliced in by hand.
      for (const [c, v] of Object.entries(constants)) one[c] = sql.lit(v);
      const insert = trx.insertInto(table).values(one as never);
      statement = raw.prepare(
        (orSkip ? insert.onConflict((c) => c.doNothing()) : insert).compile().sql,
      );
      prepared.set(key, statement);
    }
    return statement;
  };
  // Values are spread as arguments: given an array, better-sqlite3 reads its elements one
  // by one through V8's object API, ~25% of the cost of a 31-value row.
  const insertValues: BulkSession['insertValues'] = async (table, columns, rows, constants) => {
    if (rows.length === 0) return [];
    const statement = insertOne(table, columns, constants ?? {}, false);
    return rows.map((row) => Number(statement.run(...row).lastInsertRowid));
  };
  const updates = new Map<string, SqliteDatabase.Statement>();
  const session: Omit<BulkSession, 'insertRows'> = {
    db: trx,
    chunkRows: 250,
    insertValues,
    async updateValues(table, columns, rows, scope) {
      if (rows.length === 0) return;
      const key = JSON.stringify([table, columns, scope]);
      let statement = updates.get(key);
      if (!statement) {
        // Kysely puts the SET values first and the id after them, whatever the builder order.
        const set = Object.fromEntries(columns.map((c) => [c, null]));
        let update = trx
          .updateTable(table)
          .where('id' as never, '=', 0 as never)
          .set(set as never);
        for (const [c, v] of Object.entries(scope))
          update = update.where(c as never, v === null ? 'is' : '=', sql.lit(v) as never);
        statement = raw.prepare(update.compile().sql);
        updates.set(key, statement);
      }
      // Kysely's UPDATE binds the SET values, then the id: the row's own order.
      for (const row of rows) statement.run(...row);
    },
    async scratchTable(name, columns) {
      if (scratch.has(name)) return;
      const text = columns.map((c) => sql`${sql.id(c)} text not null`);
      await sql`CREATE TEMP TABLE ${sql.id(name)} (id integer PRIMARY KEY, ${sql.join(text)})`.execute(
        trx,
      );
      scratch.add(name);
    },
    async selectArrays(query) {
      // Kept only when short: a long text is an IN list spelled out, which varies with its
      // length (`anyOf` keeps one text). All kept, such lists made a re-import of 1M rows peak
      // at 274–306 MB against 270–283 MB; none kept, a first import preparing its few
      // conflicts' lookups anew spent ~0.6 s doing so.
      const { sql: text, parameters } = query.compile();
      let statement = parameters.length <= maxKeptArrayParameters ? arrays.get(text) : undefined;
      if (!statement) {
        statement = raw.prepare(text).raw(true);
        if (parameters.length <= maxKeptArrayParameters) arrays.set(text, statement);
      }
      return statement.all(...parameters) as unknown[][];
    },
    anyOf: (column, values) =>
      sql<SqlBool>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`,
    jsonArrayOf: (columns) => sql<string>`json_array(${sql.join(columns.map((c) => sql.ref(c)))})`,
    async insertNewValues(table, columns, rows, constants) {
      if (rows.length === 0) return [];
      const statement = insertOne(table, columns, constants ?? {}, true);
      return rows.map((row) => {
        const done = statement.run(...row);
        return done.changes === 0 ? null : Number(done.lastInsertRowid);
      });
    },
    async refreshStatistics() {},
  };
  return {
    session,
    async end() {
      for (const name of scratch) await sql`DROP TABLE temp.${sql.id(name)}`.execute(trx);
    },
  };
}
