import type { Kysely, Selectable } from 'kysely';
import type { Database, SuppressionsTable } from './schema.ts';

/** Numbers that must not be messaged. A suppression never expires; lifting keeps the row. */
export type Suppression = Selectable<SuppressionsTable>;
export type SuppressionReason = SuppressionsTable['reason'];

export async function findActiveSuppression(
  db: Kysely<Database>,
  workspaceId: string,
  phone: string,
): Promise<Suppression | undefined> {
  return db
    .selectFrom('suppressions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('phone', '=', phone)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
}

/** Adds an active suppression unless one already exists (the first one is kept). */
export async function insertSuppression(
  db: Kysely<Database>,
  workspaceId: string,
  input: { phone: string; reason: SuppressionReason; origin: string; note?: string | null },
  now: Date,
): Promise<{ suppression: Suppression; added: boolean }> {
  const existing = await findActiveSuppression(db, workspaceId, input.phone);
  if (existing) return { suppression: existing, added: false };
  const row = {
    workspace_id: workspaceId,
    phone: input.phone,
    reason: input.reason,
    origin: input.origin,
    note: input.note ?? null,
    created_at: now.toISOString(),
    lifted_at: null,
    lifted_by_consent_event_id: null,
    lifted_note: null,
  };
  const inserted = await db
    .insertInto('suppressions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'phone']).where('lifted_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const winner = await findActiveSuppression(db, workspaceId, input.phone);
    if (winner) return { suppression: winner, added: false };
  }
  return { suppression: { ...row, id: Number(inserted?.id) }, added: true };
}

/** Lifts the active suppression of a number; undefined when there is none. */
export async function liftSuppression(
  db: Kysely<Database>,
  workspaceId: string,
  phone: string,
  lift: { note: string | null; consentEventId: number | null },
  now: Date,
): Promise<Suppression | undefined> {
  const active = await findActiveSuppression(db, workspaceId, phone);
  if (!active) return undefined;
  const changes = {
    lifted_at: now.toISOString(),
    lifted_note: lift.note,
    lifted_by_consent_event_id: lift.consentEventId,
  };
  await db
    .updateTable('suppressions')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', active.id)
    .execute();
  return { ...active, ...changes };
}

export async function listSuppressions(
  db: Kysely<Database>,
  workspaceId: string,
  options: { includeLifted?: boolean; limit?: number } = {},
): Promise<Suppression[]> {
  let query = db.selectFrom('suppressions').selectAll().where('workspace_id', '=', workspaceId);
  if (!options.includeLifted) query = query.where('lifted_at', 'is', null);
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(options.limit ?? 100_000)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, id: Number(r.id) })));
}
