import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Worker heartbeats (migration 0007-dispatch): a live worker beats every second; the gateway
 * account's TPS is split between the workers alive.
 */
export async function registerWorker(
  db: Kysely<Database>,
  worker: { id: string; host: string; pid: number },
  now: string,
): Promise<void> {
  await sql`INSERT INTO dispatch_workers (id, host, pid, started_at, heartbeat_at)
    VALUES (${worker.id}, ${worker.host}, ${worker.pid}, ${now}, ${now})`.execute(db);
}

/** Beats and returns how many workers are alive (heartbeat at or after `aliveSince`). */
export async function beatWorker(
  db: Kysely<Database>,
  id: string,
  now: string,
  aliveSince: string,
): Promise<number> {
  await sql`UPDATE dispatch_workers SET heartbeat_at = ${now} WHERE id = ${id}`.execute(db);
  return countLiveWorkers(db, aliveSince);
}

export async function countLiveWorkers(db: Kysely<Database>, aliveSince: string): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM dispatch_workers
    WHERE heartbeat_at >= ${aliveSince}`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}

export async function removeWorker(db: Kysely<Database>, id: string): Promise<void> {
  await sql`DELETE FROM dispatch_workers WHERE id = ${id}`.execute(db);
}

/** Forgets workers dead for a while (their messages were recovered first). */
export async function removeDeadWorkers(db: Kysely<Database>, deadBefore: string): Promise<void> {
  await sql`DELETE FROM dispatch_workers WHERE heartbeat_at < ${deadBefore}`.execute(db);
}

/** The workers registered from one host (to forget those whose process is gone). */
export async function listWorkersOn(
  db: Kysely<Database>,
  host: string,
): Promise<Array<{ id: string; pid: number }>> {
  const rows = await sql<{ id: string; pid: number }>`SELECT id, pid FROM dispatch_workers
    WHERE host = ${host}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, pid: Number(r.pid) }));
}

/** Live workers (other than `id`) that have not beaten since `since`: they may not know of it. */
export async function countWorkersBehind(
  db: Kysely<Database>,
  id: string,
  since: string,
  aliveSince: string,
): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM dispatch_workers
    WHERE id <> ${id} AND heartbeat_at >= ${aliveSince} AND heartbeat_at <= ${since}`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}

/**
 * The file of a SQLite store's main database (`PRAGMA database_list`), so that another thread
 * can open its own connection to it; null for an in-memory database.
 */
export async function findSqliteFile(db: Kysely<Database>): Promise<string | null> {
  const rows = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  const main = rows.rows.find((r) => r.name === 'main');
  return main?.file ? main.file : null;
}
