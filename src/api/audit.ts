import { z } from 'zod';
import { listAuditLog as listWorkspaceAudit } from '../services/audit.ts';
import { accessOf, defineOperation } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

const auditView = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.object({
      kind: z.enum(['user', 'api_key', 'system']),
      id: z.string().nullable(),
      label: z.string().nullable(),
    }),
    action: z.string(),
    target: z.object({ kind: z.string(), id: z.string().nullable() }).nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const listAuditLog = defineOperation({
  summary: 'The audit log of the workspace, newest first (append-only)',
  tag: 'audit log',
  auth: 'workspace',
  permission: { resource: 'audit_log', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(auditView),
  async handle(input) {
    const { limit, cursor } = input.query;
    const rows = await listWorkspaceAudit(input.deps.store, accessOf(input).workspace.id, {
      limit: limit + 1,
      before: readCursor(cursor, z.number().int().positive()),
    });
    return pageOf(
      rows,
      limit,
      (e) => e.id,
      (e) => e,
    );
  },
});
