import { z } from 'zod';
import { recordAudit } from '../services/audit.ts';
import { suppressionReasons, suppressNumber, unsuppressNumber } from '../services/suppression.ts';
import { listVisibleSuppressions } from '../services/suppression-view.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageInMemory } from './page-in-memory.ts';
import { pageQuery, paginated } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

const suppressionView = z
  .object({
    phone: z.string().describe('E.164; masked (with an id) for a STOP received on a rented list'),
    masked: z.boolean(),
    reason: z.enum(suppressionReasons),
    origin: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
    liftedAt: z.string().nullable(),
  })
  .meta({ id: 'Suppression' });

export const listSuppressions = defineOperation({
  summary: 'The suppression list (STOP, spam reports, manual, invalid numbers)',
  tag: 'suppression',
  auth: 'workspace',
  permission: { resource: 'suppression', action: 'read' },
  params: workspaceParams,
  query: pageQuery.extend({ lifted: z.enum(['true', 'false']).default('false') }),
  response: paginated(suppressionView),
  async handle(input) {
    const rows = await listVisibleSuppressions(input.deps.store, accessOf(input).workspace.id, {
      includeLifted: input.query.lifted === 'true',
    });
    return pageInMemory(
      rows,
      input.query,
      (s) => `${s.createdAt}|${s.phone}`,
      (s) => s,
    );
  },
});

export const addSuppression = defineOperation({
  summary: 'Suppress a number: it is never messaged again until lifted',
  tag: 'suppression',
  auth: 'workspace',
  permission: { resource: 'suppression', action: 'create' },
  params: workspaceParams,
  body: z.strictObject({
    phone: z.string().min(3).max(40),
    reason: z.enum(suppressionReasons).default('manual'),
    note: z.string().max(500).optional(),
  }),
  response: z.object({ added: z.boolean(), phone: z.string(), reason: z.enum(suppressionReasons) }),
  status: 201,
  async handle(input) {
    const workspaceId = accessOf(input).workspace.id;
    const out = await suppressNumber(
      input.deps.store,
      workspaceId,
      input.body.phone,
      { reason: input.body.reason, origin: 'api', note: input.body.note ?? null },
      input.now,
    );
    await recordAudit(
      input.deps.store,
      {
        workspaceId,
        actor: principalOf(input),
        action: 'suppression.add',
        details: { reason: input.body.reason, added: out.added },
      },
      input.now,
    );
    return { added: out.added, phone: out.suppression.phone, reason: input.body.reason };
  },
});

export const removeSuppression = defineOperation({
  summary: 'Lift a manual suppression (a STOP or spam report needs a new recorded opt-in)',
  tag: 'suppression',
  auth: 'workspace',
  permission: { resource: 'suppression', action: 'delete' },
  params: workspaceParams.extend({ phone: z.string().min(3).max(40) }),
  response: z.object({ lifted: z.literal(true), phone: z.string() }),
  async handle(input) {
    const workspaceId = accessOf(input).workspace.id;
    const row = await unsuppressNumber(
      input.deps.store,
      workspaceId,
      input.params.phone,
      null,
      input.now,
    );
    await recordAudit(
      input.deps.store,
      { workspaceId, actor: principalOf(input), action: 'suppression.lift', details: {} },
      input.now,
    );
    return { lifted: true as const, phone: row.phone };
  },
});
