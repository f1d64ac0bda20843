import { z } from 'zod';
import {
  createOwnedWorkspace,
  listVisibleWorkspaces,
  type Workspace,
} from '../services/accounts.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { plainText } from './plain-text.ts';
import { workspaceParams } from './workspace-params.ts';

export const workspaceView = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string().nullable(),
    isProvider: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Workspace' });

function viewWorkspace(w: Workspace): z.input<typeof workspaceView> {
  return {
    id: w.id,
    name: w.name,
    legalName: w.legal_name,
    isProvider: w.is_provider === 1,
    createdAt: w.created_at,
  };
}

export const listWorkspaces = defineOperation({
  summary: 'The workspaces the caller may act in (every workspace for a platform admin)',
  tag: 'workspaces',
  auth: 'any',
  query: pageQuery,
  response: paginated(workspaceView),
  async handle(input) {
    const { limit, cursor } = input.query;
    const after = readCursor(cursor, z.string());
    const rows = await listVisibleWorkspaces(input.deps.store, principalOf(input), {
      limit: limit + 1,
      after,
    });
    return pageOf(rows, limit, (w) => w.id, viewWorkspace);
  },
});

export const createWorkspace = defineOperation({
  summary: 'Create a workspace; the logged-in user becomes its owner',
  tag: 'workspaces',
  auth: 'session',
  body: z.strictObject({
    name: plainText(100),
    legalName: plainText(200).optional(),
    isProvider: z.boolean().optional(),
  }),
  response: workspaceView,
  status: 201,
  async handle(input) {
    const workspace = await createOwnedWorkspace(
      input.deps.store,
      principalOf(input),
      input.body,
      input.now,
    );
    return viewWorkspace(workspace);
  },
});

export const getWorkspace = defineOperation({
  summary: "One workspace, with the caller's role in it",
  tag: 'workspaces',
  auth: 'workspace',
  permission: { resource: 'workspace', action: 'read' },
  params: workspaceParams,
  response: workspaceView.extend({
    role: z.enum(['owner', 'marketer', 'analyst', 'provider', 'admin']),
  }),
  async handle(input) {
    const { workspace, role } = accessOf(input);
    return { ...viewWorkspace(workspace), role };
  },
});
