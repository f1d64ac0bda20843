import { z } from 'zod';
import { listReplies } from '../services/inbound.ts';
import { accessOf, defineOperation } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

const replyView = z
  .object({
    id: z.number(),
    receivedAt: z.string(),
    from: z.string().describe("Masked unless the sender is one of the workspace's own contacts"),
    to: z.string(),
    text: z.string(),
    interpretation: z.string(),
    action: z.string(),
    campaign: z.string().nullable(),
    campaignName: z.string().nullable(),
  })
  .meta({ id: 'Reply' });

export const listInbound = defineOperation({
  summary: 'Replies received (STOP, questions…), newest first, with what Texto did',
  tag: 'inbound',
  auth: 'workspace',
  permission: { resource: 'inbound', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(replyView),
  async handle(input) {
    const before = readCursor(input.query.cursor, z.number().int());
    const all = await listReplies(input.deps.store, {
      workspace: accessOf(input).workspace.id,
      limit: 10_000,
    });
    const rows = before === undefined ? all : all.filter((r) => r.id < before);
    return pageOf(
      rows.slice(0, input.query.limit + 1),
      input.query.limit,
      (r) => r.id,
      (r) => r,
    );
  },
});
