import type SqliteDatabase from 'better-sqlite3';

/**
 * better-sqlite3 behind Kysely prepares every query anew (about 9 µs each, more than the query
 * itself for a key lookup). This wraps the connection so that `prepare` reuses the statement of
 * the same SQL text, least recently used out past `limit`. A statement still being iterated
 * (`busy`) is never handed out twice: a fresh one is prepared instead.
 */
export function cacheStatements(
  raw: SqliteDatabase.Database,
  limit = 500,
): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (text: string): SqliteDatabase.Statement => {
    const hit = cache.get(text);
    if (hit && !hit.busy) {
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const statement = raw.prepare(text);
    cache.set(text, statement);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return new Proxy(raw, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
