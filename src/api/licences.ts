import { z } from 'zod';
import { listWorkspaceLicences } from '../services/licences.ts';
import { accessOf, defineOperation } from './operation.ts';
import { pageInMemory } from './page-in-memory.ts';
import { pageQuery, paginated } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

export const licenceView = z
  .object({
    id: z.string(),
    type: z.enum(['rental', 'purchase']),
    list: z.object({ id: z.string(), name: z.string(), version: z.number(), provider: z.string() }),
    contacts: z.number(),
    seeds: z.number(),
    price: z.number(),
    currency: z.literal('EUR'),
    state: z.enum(['active', 'consumed']),
    campaignsAllowed: z.number().nullable(),
    campaignsLeft: z.number().nullable(),
    campaignId: z.string().nullable(),
    consumedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Licence' });

export const listLicences = defineOperation({
  summary: 'Licences of the workspace: rentals (one campaign) and purchases',
  tag: 'marketplace',
  auth: 'workspace',
  permission: { resource: 'licence', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(licenceView),
  async handle(input) {
    const rows = await listWorkspaceLicences(input.deps.store, accessOf(input).workspace.id);
    return pageInMemory(
      rows,
      input.query,
      (l) => l.id,
      (l) => l,
    );
  },
});
