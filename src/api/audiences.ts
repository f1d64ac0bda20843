import { z } from 'zod';
import { audienceCacheFor } from '../services/audience-cache.ts';
import {
  breakdownFields,
  countAudience as countWorkspaceAudience,
  listAudiences as listWorkspaceAudiences,
  saveAudience as saveWorkspaceAudience,
  showAudience,
} from '../services/audiences.ts';
import { numberShownTo } from '../services/number-view.ts';
import { accessOf, defineOperation } from './operation.ts';
import { pageInMemory } from './page-in-memory.ts';
import { pageQuery, paginated } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

const filter = z
  .record(z.string(), z.unknown())
  .describe(
    'The audience filter (docs/decisions/audience.md), e.g. {"field":"department","in":["75","92"]}',
  );

const audienceView = z
  .object({ name: z.string(), filter: z.unknown(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Audience' });

const countView = z
  .object({
    at: z.string(),
    matched: z.number(),
    reachable: z.number().describe('Matched, with valid consent and not suppressed'),
    excluded: z.object({ suppressed: z.number(), noConsent: z.number(), invalid: z.number() }),
    breakdown: z.record(z.string(), z.record(z.string(), z.number())),
    sample: z
      .array(
        z.object({
          id: z.number(),
          phone: z.string(),
          firstName: z.string().nullable(),
          postalCode: z.string().nullable(),
          department: z.string().nullable(),
          gender: z.string().nullable(),
          age: z.number().nullable(),
          source: z.string(),
        }),
      )
      .optional(),
    engine: z.enum(['sql', 'columns']),
    durationMs: z.number(),
  })
  .meta({ id: 'AudienceCount' });

export const countAudience = defineOperation({
  summary: 'Count an audience: matched, reachable, exclusions, breakdown and a sample',
  tag: 'audiences',
  auth: 'workspace',
  permission: { resource: 'audience', action: 'read' },
  params: workspaceParams,
  body: z.strictObject({
    filter,
    breakdown: z.array(z.enum(breakdownFields)).max(10).optional(),
    at: z.string().max(40).optional(),
    sample: z.number().int().min(0).max(100).optional(),
  }),
  response: countView,
  async handle(input) {
    const { role, workspace } = accessOf(input);
    const counted = await countWorkspaceAudience(
      input.deps.store,
      { ...input.body, workspace: workspace.id },
      input.now,
      audienceCacheFor(input.deps.store),
    );
    if (!counted.sample) return counted;
    const sample = counted.sample.map((r) => ({ ...r, phone: numberShownTo(role, r.phone) }));
    return { ...counted, sample };
  },
});

export const listAudiences = defineOperation({
  summary: 'Saved audiences of the workspace, by name',
  tag: 'audiences',
  auth: 'workspace',
  permission: { resource: 'audience', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(audienceView),
  async handle(input) {
    const rows = await listWorkspaceAudiences(input.deps.store, {
      workspace: accessOf(input).workspace.id,
    });
    return pageInMemory(
      rows,
      input.query,
      (a) => a.name,
      (a) => a,
    );
  },
});

export const saveAudience = defineOperation({
  summary: 'Save (create or replace) a named audience after checking its filter',
  tag: 'audiences',
  auth: 'workspace',
  permission: { resource: 'audience', action: 'create' },
  params: workspaceParams,
  body: z.strictObject({ name: z.string().min(1).max(120), filter }),
  response: z.object({ audience: audienceView, created: z.boolean() }),
  status: 201,
  async handle(input) {
    return saveWorkspaceAudience(
      input.deps.store,
      { ...input.body, workspace: accessOf(input).workspace.id },
      input.now,
    );
  },
});

export const getAudience = defineOperation({
  summary: 'One saved audience',
  tag: 'audiences',
  auth: 'workspace',
  permission: { resource: 'audience', action: 'read' },
  params: workspaceParams.extend({ name: z.string().min(1).max(120) }),
  response: audienceView,
  async handle(input) {
    return showAudience(input.deps.store, {
      workspace: accessOf(input).workspace.id,
      name: input.params.name,
    });
  },
});
