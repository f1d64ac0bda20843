import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect } from 'kysely';

/**
 * Kysely's SQLite dialect, but each transaction begins IMMEDIATE: it takes the write lock at
 * once, waiting for it under busy_timeout. A deferred transaction that reads before it writes
 * (an import looks up what is stored first) cannot wait when another connection has written
 * since its read: SQLite refuses the upgrade at once (SQLITE_BUSY_SNAPSHOT, "database is
 * locked"). The CLI importing beside a running server failed that way about one time in two.
 */
export class WriteFirstSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    return new Proxy(driver, {
      get(target, name) {
        if (name === 'beginTransaction') {
          return async (connection: DatabaseConnection) => {
            await connection.executeQuery(CompiledQuery.raw('begin immediate'));
          };
        }
        const value = Reflect.get(target, name, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
