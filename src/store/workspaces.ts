import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, WorkspacesTable } from './schema.ts';

export type Workspace = WorkspacesTable;

export const defaultWorkspaceId = 'default';
/** The name the workspace created on first run has until someone renames it. */
export const defaultWorkspaceName = 'default';

/** Creates the default workspace when there is no workspace at all. */
export async function ensureDefaultWorkspace(db: Kysely<Database>, now: Date): Promise<void> {
  const any = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await db
    .insertInto('workspaces')
    .values({
      id: defaultWorkspaceId,
      name: defaultWorkspaceName,
      legal_name: null,
      is_provider: 0,
      rights_mention: null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A workspace by id or by name; undefined when neither matches. */
export async function findWorkspace(
  db: Kysely<Database>,
  idOrName: string,
): Promise<Workspace | undefined> {
  return db
    .selectFrom('workspaces')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .orderBy(({ eb }) => eb.case().when('id', '=', idOrName).then(0).else(1).end())
    .executeTakeFirst();
}

/** The default workspace: the one named 'default', else the oldest. */
export async function findDefaultWorkspace(db: Kysely<Database>): Promise<Workspace | undefined> {
  return (
    (await findWorkspace(db, defaultWorkspaceId)) ??
    db.selectFrom('workspaces').selectAll().orderBy('created_at').limit(1).executeTakeFirst()
  );
}

export async function insertWorkspace(
  db: Kysely<Database>,
  input: { name: string; legalName?: string | null; isProvider?: boolean; id?: string },
  now: Date,
): Promise<Workspace> {
  const row: Workspace = {
    id: input.id ?? `ws_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    name: input.name,
    legal_name: input.legalName ?? null,
    is_provider: input.isProvider ? 1 : 0,
    rights_mention: null,
    created_at: now.toISOString(),
  };
  await db.insertInto('workspaces').values(row).execute();
  return row;
}

export async function listWorkspaces(db: Kysely<Database>): Promise<Workspace[]> {
  return db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').execute();
}
