import { z } from 'zod';
import { changeWorkspaceSettings, readWorkspaceSettings } from '../services/workspace-settings.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { workspaceParams } from './workspace-params.ts';

const settingsView = z
  .object({
    rightsMention: z
      .string()
      .nullable()
      .describe('LIST-03: token (e.g. a short link) the first message to list contacts carries'),
    strictPartners: z
      .boolean()
      .describe('LIST-01 strict: refuse campaigns on lists that do not name this workspace'),
  })
  .meta({ id: 'WorkspaceSettings' });

export const getSettings = defineOperation({
  summary: 'Marketplace settings of the workspace (rights mention, strict partner naming)',
  tag: 'workspaces',
  auth: 'workspace',
  permission: { resource: 'workspace', action: 'read' },
  params: workspaceParams,
  response: settingsView,
  async handle(input) {
    return readWorkspaceSettings(input.deps.store, accessOf(input).workspace.id);
  },
});

export const changeSettings = defineOperation({
  summary: 'Change the marketplace settings of the workspace',
  tag: 'workspaces',
  auth: 'workspace',
  permission: { resource: 'workspace', action: 'update' },
  params: workspaceParams,
  body: z.strictObject({
    rightsMention: z.string().max(60).nullable().optional(),
    strictPartners: z.boolean().optional(),
  }),
  response: settingsView,
  async handle(input) {
    return changeWorkspaceSettings(
      input.deps.store,
      principalOf(input),
      accessOf(input).workspace.id,
      input.body,
      input.now,
    );
  },
});
