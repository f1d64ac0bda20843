import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import {
  addMember as addWorkspaceMember,
  changeMemberRole,
  listWorkspaceMembers,
  type MemberRow,
  memberRoles,
  removeMember as removeWorkspaceMember,
} from '../services/members.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

const memberView = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(memberRoles),
    since: z.string(),
  })
  .meta({ id: 'Member' });

const viewMember = (m: MemberRow): z.input<typeof memberView> => ({
  userId: m.user_id,
  email: m.email,
  name: m.name,
  role: m.role,
  since: m.created_at,
});

const memberParams = workspaceParams.extend({ userId: z.string().min(1).max(100) });

export const listMembers = defineOperation({
  summary: 'Members of the workspace and their roles',
  tag: 'members',
  auth: 'workspace',
  permission: { resource: 'member', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(memberView),
  async handle(input) {
    const { limit, cursor } = input.query;
    const rows = await listWorkspaceMembers(input.deps.store, accessOf(input).workspace.id, {
      limit: limit + 1,
      after: readCursor(cursor, z.string()),
    });
    return pageOf(rows, limit, (m) => m.user_id, viewMember);
  },
});

export const addMember = defineOperation({
  summary: 'Add a member (an existing account, or a new one with an initial password)',
  tag: 'members',
  auth: 'workspace',
  permission: { resource: 'member', action: 'create' },
  params: workspaceParams,
  body: z.strictObject({
    email: z.email().max(320),
    role: z.enum(memberRoles),
    password: z.string().min(12).max(256).optional(),
  }),
  response: memberView,
  status: 201,
  async handle(input) {
    const row = await addWorkspaceMember(
      input.deps.store,
      principalOf(input),
      accessOf(input).workspace.id,
      input.body,
      input.now,
    );
    return viewMember(row);
  },
});

export const changeMember = defineOperation({
  summary: "Change a member's role (a workspace keeps at least one owner)",
  tag: 'members',
  auth: 'workspace',
  permission: { resource: 'member', action: 'update' },
  params: memberParams,
  body: z.strictObject({ role: z.enum(memberRoles) }),
  response: memberView,
  async handle(input) {
    const row = await changeMemberRole(
      input.deps.store,
      principalOf(input),
      accessOf(input).workspace.id,
      input.params.userId,
      input.body.role,
      input.now,
    );
    return viewMember(row);
  },
});

export const removeMember = defineOperation({
  summary: 'Remove a member (a workspace keeps at least one owner)',
  tag: 'members',
  auth: 'workspace',
  permission: { resource: 'member', action: 'delete' },
  params: memberParams,
  response: z.object({ removed: z.literal(true), userId: z.string() }),
  async handle(input) {
    const { userId } = input.params;
    await removeWorkspaceMember(
      input.deps.store,
      principalOf(input),
      accessOf(input).workspace.id,
      userId,
      input.now,
    );
    return { removed: true as const, userId };
  },
});

export const leaveWorkspace = defineOperation({
  summary:
    'Leave the workspace (the signed-in member removes themselves; the last owner cannot, and an API key has no membership to leave)',
  tag: 'members',
  auth: 'workspace',
  permission: { resource: 'workspace', action: 'read' },
  params: workspaceParams,
  body: z.strictObject({
    userId: z.string().max(100).describe('Your own user id, to confirm who leaves'),
  }),
  response: z.object({ removed: z.literal(true), userId: z.string() }),
  async handle(input) {
    const principal = principalOf(input);
    if (principal.kind !== 'user') {
      throw new DomainError('refused', 'an API key is not a member: revoke it instead');
    }
    if (input.body.userId !== principal.id) {
      throw new DomainError('invalid_input', 'userId: give your own user id to confirm you leave');
    }
    // Added to a workspace by someone else, a member could not get out of it before.
    await removeWorkspaceMember(
      input.deps.store,
      principal,
      accessOf(input).workspace.id,
      principal.id,
      input.now,
    );
    return { removed: true as const, userId: principal.id };
  },
});
