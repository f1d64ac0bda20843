import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** Long work (imports…) the client polls: one row per job, scoped to its workspace. */
export interface JobRow {
  readonly id: string;
  readonly workspace_id: string;
  readonly kind: string;
  readonly state: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly progress: number;
  /** JSON of the outcome (succeeded or refused). */
  readonly result: string | null;
  readonly error: string | null;
  /** A file the job produced (rejects CSV), served through the API, never its path. */
  readonly artifact: string | null;
  readonly created_by: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly finished_at: string | null;
}

export async function insertJob(db: Kysely<Database>, row: JobRow): Promise<void> {
  await sql`INSERT INTO jobs (id, workspace_id, kind, state, progress, result, error, artifact,
      created_by, created_at, updated_at, finished_at)
    VALUES (${row.id}, ${row.workspace_id}, ${row.kind}, ${row.state}, ${row.progress},
      ${row.result}, ${row.error}, ${row.artifact}, ${row.created_by}, ${row.created_at},
      ${row.updated_at}, ${row.finished_at})`.execute(db);
}

export async function updateJob(
  db: Kysely<Database>,
  id: string,
  change: Partial<
    Pick<JobRow, 'state' | 'progress' | 'result' | 'error' | 'artifact' | 'finished_at'>
  >,
  now: string,
): Promise<void> {
  const fields = Object.entries(change).filter(([, v]) => v !== undefined);
  const sets = fields.map(([k, v]) => sql`${sql.ref(k)} = ${v}`);
  sets.push(sql`updated_at = ${now}`);
  await sql`UPDATE jobs SET ${sql.join(sets)} WHERE id = ${id}`.execute(db);
}

/** The job of this workspace, or undefined (another workspace's job is not found). */
export async function findJob(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<JobRow | undefined> {
  const r =
    await sql<JobRow>`SELECT * FROM jobs WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(
      db,
    );
  return r.rows[0] ? normalise(r.rows[0]) : undefined;
}

/** Newest first (ids sort by creation), after the cursor id. */
export async function listJobs(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; before?: string | undefined },
): Promise<JobRow[]> {
  const before = page.before ? sql`AND id < ${page.before}` : sql``;
  const r = await sql<JobRow>`SELECT * FROM jobs WHERE workspace_id = ${workspaceId} ${before}
    ORDER BY id DESC LIMIT ${page.limit}`.execute(db);
  return r.rows.map(normalise);
}

/** Jobs left queued or running by a process that stopped: they failed (never half-rerun). */
export async function failAbandonedJobs(db: Kysely<Database>, now: string): Promise<number> {
  const r = await sql`UPDATE jobs SET state = 'failed', error = 'interrupted: the server stopped',
    updated_at = ${now}, finished_at = ${now} WHERE state IN ('queued', 'running')`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

function normalise(row: JobRow): JobRow {
  return { ...row, progress: Number(row.progress) };
}
