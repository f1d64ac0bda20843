import type { Kysely } from 'kysely';
import type { MemberRole } from '../core/account/roles.ts';
import type { Database } from './schema.ts';
import type { UsersTable } from './users.ts';

/** A user's role in a workspace (user × workspace × role). */
export interface MembersTable {
  workspace_id: string;
  user_id: string;
  role: MemberRole;
  created_at: string;
}

export interface MemberRow {
  user_id: string;
  email: string;
  name: string | null;
  role: MemberRole;
  created_at: string;
}

function membersDb(db: Kysely<Database>) {
  return db.withTables<{ members: MembersTable; users: UsersTable }>();
}

/** Members of one workspace by user id, `limit` after the cursor `after` (a user id). */
export async function listMembers(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; after?: string | undefined },
): Promise<MemberRow[]> {
  let query = membersDb(db)
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['members.user_id', 'users.email', 'users.name', 'members.role', 'members.created_at'])
    .where('members.workspace_id', '=', workspaceId);
  if (page.after !== undefined) query = query.where('members.user_id', '>', page.after);
  return query.orderBy('members.user_id').limit(page.limit).execute();
}

export async function findMember(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  return membersDb(db)
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['members.user_id', 'users.email', 'users.name', 'members.role', 'members.created_at'])
    .where('members.workspace_id', '=', workspaceId)
    .where('members.user_id', '=', userId)
    .executeTakeFirst();
}

/** Adds a membership; false when the user already belongs to that workspace. */
export async function insertMember(db: Kysely<Database>, member: MembersTable): Promise<boolean> {
  const result = await membersDb(db)
    .insertInto('members')
    .values(member)
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes a member's role; false when the user is not a member of that workspace. */
export async function updateMemberRole(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  role: MemberRole,
): Promise<boolean> {
  const result = await membersDb(db)
    .updateTable('members')
    .set({ role })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMember(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<boolean> {
  const result = await membersDb(db)
    .deleteFrom('members')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countOwners(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const row = await membersDb(db)
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The workspaces a user belongs to, with the role in each. */
export async function listMemberships(db: Kysely<Database>, userId: string) {
  return membersDb(db)
    .selectFrom('members')
    .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'members.role'])
    .where('members.user_id', '=', userId)
    .orderBy('workspaces.id')
    .execute();
}

/**
 * One query for every workspace request: the workspace with this id, and the user's role in
 * it (null when not a member, or for an API key: pass userId null). Undefined: no workspace.
 */
export async function findWorkspaceAccess(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string | null,
) {
  return membersDb(db)
    .selectFrom('workspaces')
    .leftJoin('members', (join) =>
      join
        .onRef('members.workspace_id', '=', 'workspaces.id')
        .on('members.user_id', '=', userId ?? ''),
    )
    .selectAll('workspaces')
    .select('members.role as member_role')
    .where('workspaces.id', '=', workspaceId)
    .executeTakeFirst();
}
