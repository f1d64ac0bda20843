import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The saved audiences table (migration 0002-audiences). */
export interface AudiencesTable {
  id: import('kysely').Generated<number>;
  workspace_id: string;
  name: string;
  /** The filter's JSON form, as validated. */
  filter: string;
  created_at: string;
  updated_at: string;
}

export interface SavedAudience {
  readonly name: string;
  readonly filter: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type Db = Kysely<Database>;

function withAudiences(db: Db) {
  return db.withTables<{ audiences: AudiencesTable }>();
}

function toSaved(row: { name: string; filter: string; created_at: string; updated_at: string }) {
  return {
    name: row.name,
    filter: JSON.parse(row.filter) as unknown,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Creates or replaces the workspace's audience NAME; tells which happened. */
export async function saveAudience(
  db: Db,
  workspaceId: string,
  name: string,
  filter: unknown,
  now: Date,
): Promise<{ audience: SavedAudience; created: boolean }> {
  const at = now.toISOString();
  const json = JSON.stringify(filter);
  return withAudiences(db)
    .transaction()
    .execute(async (trx) => {
      const updated = await trx
        .updateTable('audiences')
        .set({ filter: json, updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('name', '=', name)
        .executeTakeFirst();
      const created = Number(updated.numUpdatedRows) === 0;
      if (created) {
        await trx
          .insertInto('audiences')
          .values({ workspace_id: workspaceId, name, filter: json, created_at: at, updated_at: at })
          .execute();
      }
      const row = await trx
        .selectFrom('audiences')
        .select(['name', 'filter', 'created_at', 'updated_at'])
        .where('workspace_id', '=', workspaceId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return { audience: toSaved(row), created };
    });
}

/** The workspace's saved audiences by name. */
export async function listAudiences(db: Db, workspaceId: string): Promise<SavedAudience[]> {
  const rows = await withAudiences(db)
    .selectFrom('audiences')
    .select(['name', 'filter', 'created_at', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
  return rows.map(toSaved);
}

export async function findAudience(
  db: Db,
  workspaceId: string,
  name: string,
): Promise<SavedAudience | undefined> {
  const row = await withAudiences(db)
    .selectFrom('audiences')
    .select(['name', 'filter', 'created_at', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toSaved(row) : undefined;
}

export async function deleteAudience(db: Db, workspaceId: string, name: string): Promise<boolean> {
  const result = await withAudiences(db)
    .deleteFrom('audiences')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
