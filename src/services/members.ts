import { keyRolesWithin, type MemberRole } from '../core/account/roles.ts';
import { DomainError } from '../core/domain-error.ts';
import { revokeKeysCreatedBy } from '../store/api-keys.ts';
import type { Store } from '../store/db.ts';
import {
  countOwners,
  deleteMember,
  findMember,
  insertMember,
  listMembers,
  type MemberRow,
  updateMemberRole,
} from '../store/members.ts';
import { findUserByEmail } from '../store/users.ts';
import { findWorkspace } from '../store/workspaces.ts';
import { createUser, type Principal, parseEmail } from './accounts.ts';
import { recordAudit } from './audit.ts';

export { memberRoles } from '../core/account/roles.ts';
export type { MemberRow };

export async function listWorkspaceMembers(
  store: Store,
  workspaceId: string,
  page: { limit: number; after?: string | undefined },
): Promise<MemberRow[]> {
  return listMembers(store.db, workspaceId, page);
}

/**
 * Adds a user to a workspace. An existing account is added as is; for an email with no
 * account, `password` is required and creates it (the owner hands the password over).
 */
export async function addMember(
  store: Store,
  actor: Principal,
  workspaceId: string,
  input: { email: string; role: MemberRole; password?: string | undefined },
  now: Date,
): Promise<MemberRow> {
  await requireRoleFits(store, workspaceId, input.role);
  const email = parseEmail(input.email);
  let user = await findUserByEmail(store.db, email);
  if (user && input.password !== undefined) {
    throw new DomainError(
      'invalid_input',
      'password: an account with this email exists; add it without a password',
    );
  }
  if (!user) {
    if (input.password === undefined) {
      throw new DomainError(
        'invalid_input',
        'password: no account has this email; give an initial password (12+ characters) to create it',
      );
    }
    user = await createUser(store, { email, password: input.password }, now);
  }
  const added = await insertMember(store.db, {
    workspace_id: workspaceId,
    user_id: user.id,
    role: input.role,
    created_at: now.toISOString(),
  });
  if (!added) throw new DomainError('conflict', `${email} is already a member of this workspace`);
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'member.add',
      target: { kind: 'user', id: user.id },
      details: { email, role: input.role },
    },
    now,
  );
  return (await findMember(store.db, workspaceId, user.id))!;
}

async function requireMember(store: Store, workspaceId: string, userId: string) {
  const member = await findMember(store.db, workspaceId, userId);
  if (!member) throw new DomainError('not_found', `member '${userId}' not found in this workspace`);
  return member;
}

async function keepOneOwner(store: Store, workspaceId: string, member: MemberRow) {
  if (member.role === 'owner' && (await countOwners(store.db, workspaceId)) <= 1) {
    throw new DomainError('refused', 'a workspace keeps at least one owner: add another first', {
      userId: member.user_id,
    });
  }
}

export async function changeMemberRole(
  store: Store,
  actor: Principal,
  workspaceId: string,
  userId: string,
  role: MemberRole,
  now: Date,
): Promise<MemberRow> {
  const member = await requireMember(store, workspaceId, userId);
  if (member.role === role) return member;
  await requireRoleFits(store, workspaceId, role);
  await keepOneOwner(store, workspaceId, member);
  await updateMemberRole(store.db, workspaceId, userId, role);
  const revokedKeys = await revokeKeysCreatedBy(
    store.db,
    workspaceId,
    userId,
    keyRolesWithin(role),
    now,
  );
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'member.role_change',
      target: { kind: 'user', id: userId },
      details: { email: member.email, from: member.role, to: role, revokedKeys },
    },
    now,
  );
  return { ...member, role };
}

export async function removeMember(
  store: Store,
  actor: Principal,
  workspaceId: string,
  userId: string,
  now: Date,
): Promise<void> {
  const member = await requireMember(store, workspaceId, userId);
  await keepOneOwner(store, workspaceId, member);
  await deleteMember(store.db, workspaceId, userId);
  // The keys they created leave with them (an integration's key is re-created by an owner).
  const revokedKeys = await revokeKeysCreatedBy(store.db, workspaceId, userId, [], now);
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'member.remove',
      target: { kind: 'user', id: userId },
      details: { email: member.email, role: member.role, revokedKeys },
    },
    now,
  );
}

/**
 * The provider role reads and writes the contacts of a list provider's workspace (its lists).
 * Given in an advertiser's workspace, it read and exported the advertiser's own customer file:
 * refused there, for members and API keys alike.
 */
export async function requireRoleFits(
  store: Store,
  workspaceId: string,
  role: MemberRole,
): Promise<void> {
  if (role !== 'provider') return;
  const workspace = await findWorkspace(store.db, workspaceId);
  if (workspace && Number(workspace.is_provider) !== 1) {
    throw new DomainError(
      'invalid_input',
      'role: provider is the role of a list provider’s workspace; this one is not (choose owner, marketer or analyst)',
    );
  }
}
