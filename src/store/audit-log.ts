import type { Generated, Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The append-only audit log: who did what, where, to what, when. This module has no update
 * and no delete on purpose; `details` is a JSON object written without secrets.
 */
export interface AuditLogTable {
  id: Generated<number>;
  /** Null for platform events (e.g. a login). */
  workspace_id: string | null;
  actor_kind: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  /** An email or a key name, frozen at the time of the event. */
  actor_label: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  at: string;
  details: string;
}

export interface AuditEntry {
  id: number;
  workspace_id: string | null;
  actor_kind: AuditLogTable['actor_kind'];
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  at: string;
  details: string;
}

function auditDb(db: Kysely<Database>) {
  return db.withTables<{ audit_log: AuditLogTable }>();
}

export async function appendAuditEntry(
  db: Kysely<Database>,
  entry: Omit<AuditEntry, 'id'>,
): Promise<void> {
  await auditDb(db).insertInto('audit_log').values(entry).execute();
}

/** A workspace's entries, newest first, `limit` of them before the entry id `before`. */
export async function listAuditEntries(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; before?: number | undefined },
): Promise<AuditEntry[]> {
  let query = auditDb(db)
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}

/** Whether the workspace's log holds an entry of `action` on the target `targetId`. */
export async function hasAuditEntry(
  db: Kysely<Database>,
  workspaceId: string,
  action: string,
  targetId: string,
): Promise<boolean> {
  const row = await auditDb(db)
    .selectFrom('audit_log')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('action', '=', action)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return row !== undefined;
}
