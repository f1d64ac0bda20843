import { z } from 'zod';
import {
  type ApiKey,
  createApiKey as createWorkspaceKey,
  listWorkspaceApiKeys,
  revokeApiKey as revokeWorkspaceKey,
} from '../services/api-keys.ts';
import { memberRoles } from '../services/members.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { plainText } from './plain-text.ts';
import { workspaceParams } from './workspace-params.ts';

const apiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(memberRoles),
    prefix: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

const viewKey = (k: ApiKey): z.input<typeof apiKeyView> => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  createdBy: k.created_by,
  createdAt: k.created_at,
  lastUsedAt: k.last_used_at,
  revokedAt: k.revoked_at,
});

export const createApiKey = defineOperation({
  summary: 'Create an API key for this workspace; the secret is in this answer only',
  description: 'Send it as `Authorization: Bearer tx_…`. Only its hash is stored: keep it safe.',
  tag: 'api keys',
  auth: 'workspace',
  permission: { resource: 'api_key', action: 'create' },
  params: workspaceParams,
  body: z.strictObject({ name: plainText(100), role: z.enum(memberRoles) }),
  response: z.object({ apiKey: apiKeyView, secret: z.string() }),
  status: 201,
  async handle(input) {
    const { apiKey, secret } = await createWorkspaceKey(
      input.deps.store,
      principalOf(input),
      accessOf(input).workspace.id,
      input.body,
      input.now,
    );
    return { apiKey: viewKey(apiKey), secret };
  },
});

export const listApiKeys = defineOperation({
  summary: 'API keys of the workspace (never their secret)',
  tag: 'api keys',
  auth: 'workspace',
  permission: { resource: 'api_key', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(apiKeyView),
  async handle(input) {
    const { limit, cursor } = input.query;
    const rows = await listWorkspaceApiKeys(input.deps.store, accessOf(input).workspace.id, {
      limit: limit + 1,
      after: readCursor(cursor, z.string()),
    });
    return pageOf(rows, limit, (k) => k.id, viewKey);
  },
});

export const revokeApiKey = defineOperation({
  summary: 'Revoke an API key (at once; it cannot be restored)',
  tag: 'api keys',
  auth: 'workspace',
  permission: { resource: 'api_key', action: 'delete' },
  params: workspaceParams.extend({ keyId: z.string().min(1).max(100) }),
  response: apiKeyView,
  async handle(input) {
    const key = await revokeWorkspaceKey(
      input.deps.store,
      principalOf(input),
      accessOf(input).workspace.id,
      input.params.keyId,
      input.now,
    );
    return viewKey(key);
  },
});
