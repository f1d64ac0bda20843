import assert from 'node:assert/strict';
import { test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { cacheStatements } from './statement-cache.ts';

test('the same SQL text reuses its statement; a busy one is not shared; the cache is bounded', () => {
  const raw = new SqliteDatabase(':memory:');
  const db = cacheStatements(raw, 2);
  db.exec('CREATE TABLE t (x INTEGER)');
  db.prepare('INSERT INTO t VALUES (?)').run(1);
  db.prepare('INSERT INTO t VALUES (?)').run(2);
  const a = db.prepare('SELECT x FROM t ORDER BY x');
  assert.equal(db.prepare('SELECT x FROM t ORDER BY x'), a);
  const rows = a.iterate();
  rows.next();
  const b = db.prepare('SELECT x FROM t ORDER BY x');
  assert.notEqual(b, a, 'a statement being iterated is not handed out again');
  assert.deepEqual(
    b.all().map((r) => (r as { x: number }).x),
    [1, 2],
  );
  rows.return?.();
  db.prepare('SELECT 1');
  db.prepare('SELECT 2');
  assert.notEqual(db.prepare('SELECT x FROM t ORDER BY x'), b, 'evicted past the limit');
  raw.close();
});
