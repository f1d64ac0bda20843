import { z } from 'zod';
import { recordAudit } from '../services/audit.ts';
import { startListImport } from '../services/jobs.ts';
import { describeListUsage } from '../services/list-usage.ts';
import { listProviderLists } from '../services/lists.ts';
import { jobView } from './jobs.ts';
import { jobsContext } from './jobs-context.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageInMemory } from './page-in-memory.ts';
import { pageQuery, paginated } from './pagination.ts';
import { readUpload } from './read-upload.ts';
import { workspaceParams } from './workspace-params.ts';

const listView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    version: z.number(),
    contacts: z.number(),
    rentalCpm: z.number().nullable(),
    purchaseCpm: z.number().nullable(),
    minimumOrder: z.number(),
    seeds: z.array(z.string()).describe("The provider's own control numbers"),
    partners: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'List' });

export const listLists = defineOperation({
  summary: "The provider's published lists",
  tag: 'lists',
  auth: 'workspace',
  permission: { resource: 'list', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(listView),
  async handle(input) {
    const rows = await listProviderLists(input.deps.store, accessOf(input).workspace.id);
    return pageInMemory(
      rows,
      input.query,
      (l) => l.id,
      (l) => ({
        id: l.id,
        name: l.name,
        description: l.description,
        version: l.version,
        contacts: l.contacts,
        rentalCpm: l.rentalCpmCents === null ? null : l.rentalCpmCents / 100,
        purchaseCpm: l.purchaseCpmCents === null ? null : l.purchaseCpmCents / 100,
        minimumOrder: l.minimumOrderCents / 100,
        seeds: [...l.seeds],
        partners: [...l.partners],
        createdAt: l.createdAt,
      }),
    );
  },
});

export const importListCsv = defineOperation({
  summary: 'Publish a list from a CSV upload (opt-in with partner consent): a job to poll',
  description:
    'Body: CSV (`text/csv` or multipart field `file`) in the contacts import format, every ' +
    'row with partner consent (LIST-01). Query: name, rentalCpm and/or purchaseCpm (euros per ' +
    'thousand), minimumOrder, seeds (comma-separated), partners (; separated), description.',
  tag: 'lists',
  auth: 'workspace',
  permission: { resource: 'list', action: 'create' },
  params: workspaceParams,
  query: z.object({
    name: z.string().min(1).max(120),
    description: z.string().max(1000).optional(),
    rentalCpm: z.string().max(20).optional(),
    purchaseCpm: z.string().max(20).optional(),
    minimumOrder: z.string().max(20).optional(),
    seeds: z.string().max(2000).optional(),
    partners: z.string().max(4000).optional(),
  }),
  response: jobView,
  status: 201,
  async handle(input) {
    const workspaceId = accessOf(input).workspace.id;
    const principal = principalOf(input);
    const job = await startListImport(jobsContext(input.deps), {
      ...input.query,
      workspaceId,
      actor: `${principal.kind}:${principal.id}`,
      ...(await readUpload(input.c)),
    });
    await recordAudit(
      input.deps.store,
      {
        workspaceId,
        actor: principal,
        action: 'lists.import',
        target: { kind: 'job', id: job.id },
      },
      input.now,
    );
    return job;
  },
});

export const getListUsage = defineOperation({
  summary: 'For each list: quotes, orders, rentals, STOPs reported and seed alerts',
  tag: 'lists',
  auth: 'workspace',
  permission: { resource: 'list', action: 'read' },
  params: workspaceParams,
  response: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
  async handle(input) {
    const usage = await describeListUsage(input.deps.store, accessOf(input).workspace.id);
    return { items: usage as unknown as Array<Record<string, unknown>> };
  },
});
