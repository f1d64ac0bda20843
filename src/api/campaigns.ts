import { z } from 'zod';
import { recordAudit } from '../services/audit.ts';
import {
  campaignStates,
  listCampaigns as listWorkspaceCampaigns,
} from '../services/campaign-list.ts';
import { listCampaignPlan } from '../services/campaign-plan.ts';
import { scheduleCampaign as scheduleWorkspaceCampaign } from '../services/campaign-schedule.ts';
import {
  createCampaign as createWorkspaceCampaign,
  editCampaign as editWorkspaceCampaign,
  preflightCampaign as preflightWorkspaceCampaign,
  showCampaign,
} from '../services/campaigns.ts';
import { numberShownTo } from '../services/number-view.ts';
import { findingView } from './findings.ts';
import { accessOf, defineOperation, type HandlerInput, principalOf } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { plainText } from './plain-text.ts';
import { readPolicy } from './read-policy.ts';
import { workspaceParams } from './workspace-params.ts';

export const campaignParams = workspaceParams.extend({ campaignId: z.string().min(1).max(100) });
type CampaignInput = HandlerInput<z.output<typeof campaignParams>, unknown, unknown>;

export const refOf = (input: CampaignInput) => ({
  workspace: accessOf(input).workspace.id,
  id: input.params.campaignId,
});

export const campaignView = z
  .object({
    id: z.string(),
    name: z.string(),
    sender: z.string(),
    text: z.string(),
    purpose: z.string(),
    sector: z.string(),
    audiences: z.array(z.string()),
    licences: z.array(z.string()),
    rulePack: z.string(),
    policy: z
      .string()
      .describe('The sending window policy: brief, charter or custom:HH:MM-HH:MM[,…]'),
    schedule: z.object({
      start: z.string(),
      finishBy: z.string().optional(),
      slots: z.string(),
    }),
    tps: z.number(),
    state: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    scheduledAt: z.string().nullable(),
    recipientDigest: z.string().nullable(),
  })
  .meta({ id: 'Campaign' });

export const campaignDetail = campaignView
  .extend({
    messages: z.record(z.string(), z.number()),
    preflight: z.unknown().describe('The last preflight summary, null before one'),
  })
  .meta({ id: 'CampaignDetail' });

const reportView = z
  .object({
    campaign: z.string(),
    ok: z.boolean(),
    findings: z.array(findingView).readonly(),
    recipients: z.object({
      total: z.number(),
      eligible: z.number(),
      excluded: z.record(z.string(), z.number()),
    }),
    message: z.object({
      encoding: z.string(),
      parts: z.number(),
      totalParts: z.number(),
      stop: z.object({ present: z.boolean(), code: z.string().nullable() }),
      sender: z.object({ valid: z.boolean(), kind: z.string(), reason: z.string().optional() }),
    }),
    exposureAvoided: z.object({
      numbers: z.number(),
      penaltyPerNumberEur: z.number(),
      amountEur: z.number(),
    }),
    plan: z
      .object({
        start: z.string().nullable(),
        end: z.string().nullable(),
        perDay: z.unknown(),
        perSlot: z.unknown(),
        perTerritory: z.unknown(),
        planned: z.number(),
        unplaceable: z.number(),
      })
      .nullable(),
    cost: z.object({ parts: z.number(), eur: z.number() }).nullable(),
  })
  .meta({ id: 'PreflightReport' });

export const tag = 'campaigns';
export const read = { resource: 'campaign', action: 'read' } as const;
export const update = { resource: 'campaign', action: 'update' } as const;

export const createCampaign = defineOperation({
  summary: 'Create a draft campaign (checked fully at preflight)',
  tag,
  auth: 'workspace',
  permission: { resource: 'campaign', action: 'create' },
  params: workspaceParams,
  body: z.strictObject({
    name: plainText(200),
    sender: z
      .string()
      .min(1)
      .max(20)
      .optional()
      .describe("Default: the workspace's default sender (settings)"),
    text: z.string().min(1).max(2000),
    purpose: z.string().max(40).optional(),
    sector: z.string().max(40).optional(),
    audiences: z.array(z.string().max(120)).max(20).optional(),
    licences: z.array(z.string().max(100)).max(20).optional(),
    policy: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        "The sending window policy: brief (08:00–20:00), charter, or custom:HH:MM-HH:MM[,…]; default: the workspace's (settings)",
      ),
    start: z.string().max(40).optional(),
    finishBy: z.string().max(40).optional(),
    slots: z.string().max(40).optional(),
    tps: z.number().positive().max(10_000).optional(),
  }),
  response: campaignView,
  status: 201,
  async handle(input) {
    return createWorkspaceCampaign(
      input.deps.store,
      { ...input.body, workspace: accessOf(input).workspace.id },
      input.now,
    );
  },
});

const listItemView = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.string(),
    sender: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    start: z.string(),
    scheduledAt: z.string().nullable(),
    recipients: z.number().nullable().describe('Messages written at schedule time; null before'),
    sent: z.number().nullable().describe('Messages the gateway accepted; null before scheduling'),
  })
  .meta({ id: 'CampaignListItem' });

export const listCampaigns = defineOperation({
  summary: 'The campaigns of the workspace, newest first, optionally in one state (paginated)',
  tag,
  auth: 'workspace',
  permission: read,
  params: workspaceParams,
  query: pageQuery.extend({ state: z.enum(campaignStates).optional() }),
  response: paginated(listItemView),
  async handle(input) {
    const { limit, cursor, state } = input.query;
    const key = readCursor(cursor, z.string().regex(/^[^|]+\|[^|]+$/));
    const [createdAt = '', id = ''] = key?.split('|') ?? [];
    const rows = await listWorkspaceCampaigns(input.deps.store, {
      workspace: accessOf(input).workspace.id,
      limit: limit + 1,
      after: key === undefined ? undefined : { createdAt, id },
      state,
    });
    return pageOf(
      rows,
      limit,
      (c) => `${c.createdAt}|${c.id}`,
      (c) => c,
    );
  },
});

export const editCampaign = defineOperation({
  summary: 'Edit a draft campaign (any other state is refused: 409); earlier preflights go stale',
  description:
    'Fields left out keep their value; `finishBy: null` removes the deadline. The whole campaign ' +
    'is validated again as at creation. A scheduled campaign is not edited: cancel it and ' +
    'create a corrected copy.',
  tag,
  auth: 'workspace',
  permission: update,
  params: campaignParams,
  body: z
    .strictObject({
      name: plainText(200).optional(),
      sender: z.string().min(1).max(20).optional(),
      text: z.string().min(1).max(2000).optional(),
      purpose: z.string().max(40).optional(),
      sector: z.string().max(40).optional(),
      audiences: z.array(z.string().max(120)).max(20).optional(),
      licences: z.array(z.string().max(100)).max(20).optional(),
      policy: z.string().min(1).max(200).optional(),
      start: z.string().max(40).optional(),
      finishBy: z.string().max(40).nullable().optional(),
      slots: z.string().max(40).optional(),
      tps: z.number().positive().max(10_000).optional(),
    })
    .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' }),
  response: campaignView,
  async handle(input) {
    const out = await editWorkspaceCampaign(input.deps.store, refOf(input), input.body, input.now);
    await audit(input, 'campaign.edit', { fields: out.changed });
    return out.campaign;
  },
});

export const getCampaign = defineOperation({
  summary: 'One campaign with its messages by state and its last preflight',
  tag,
  auth: 'workspace',
  permission: read,
  params: campaignParams,
  response: campaignDetail,
  async handle(input) {
    return showCampaign(input.deps.store, refOf(input));
  },
});

export const preflightCampaign = defineOperation({
  summary: 'Preflight (preview): findings, eligible recipients, parts, plan and cost',
  tag,
  auth: 'workspace',
  permission: read,
  params: campaignParams,
  response: reportView,
  async handle(input) {
    return preflightWorkspaceCampaign(
      input.deps.store,
      readPolicy(input.deps.config),
      refOf(input),
      input.now,
    );
  },
});

export const getCampaignPlan = defineOperation({
  summary:
    'The send plan, one line per message (rented numbers masked, and every number for a role that may not export contacts), paginated',
  tag,
  auth: 'workspace',
  permission: read,
  params: campaignParams,
  query: pageQuery,
  response: paginated(
    z.object({
      to: z.string(),
      plannedAt: z.string(),
      windowEndsAt: z.string(),
      parts: z.number(),
      state: z.string().optional(),
    }),
  ).extend({ source: z.enum(['computed', 'stored']), unplaceable: z.number() }),
  async handle(input) {
    const { limit, cursor } = input.query;
    const skip = readCursor(cursor, z.number().int().min(0)) ?? 0;
    const listing = await listCampaignPlan(
      input.deps.store,
      readPolicy(input.deps.config),
      refOf(input),
      input.now,
    );
    const items = [];
    let index = 0;
    let more = false;
    for await (const line of listing.lines) {
      if (index >= skip + limit) {
        more = true;
        break;
      }
      if (index >= skip) items.push({ ...line, to: numberShownTo(accessOf(input).role, line.to) });
      index += 1;
    }
    const nextCursor = more
      ? Buffer.from(JSON.stringify({ k: skip + limit })).toString('base64url')
      : null;
    return { items, nextCursor, source: listing.source, unplaceable: listing.unplaceable };
  },
});

export async function audit(
  input: CampaignInput,
  action: string,
  details: Record<string, unknown>,
) {
  await recordAudit(
    input.deps.store,
    {
      workspaceId: accessOf(input).workspace.id,
      actor: principalOf(input),
      action,
      target: { kind: 'campaign', id: input.params.campaignId },
      details,
    },
    input.now,
  );
}

export const scheduleCampaign = defineOperation({
  summary: 'Schedule: writes the planned messages; refused (ok: false) while a finding blocks',
  tag,
  auth: 'workspace',
  permission: update,
  params: campaignParams,
  response: z.union([
    z.object({
      ok: z.literal(true),
      campaign: z.string(),
      state: z.literal('scheduled'),
      messages: z.number(),
      seeds: z.number(),
      unplaceable: z.number(),
      start: z.string().nullable(),
      end: z.string().nullable(),
      rentalsConsumed: z.array(z.string()).readonly(),
      recipientDigest: z.string(),
    }),
    z.object({
      ok: z.literal(false),
      campaign: z.string(),
      reason: z.string(),
      message: z.string(),
      findings: z.array(findingView).readonly(),
    }),
  ]),
  async handle(input) {
    const out = await scheduleWorkspaceCampaign(
      input.deps.store,
      readPolicy(input.deps.config),
      refOf(input),
      input.now,
    );
    await audit(input, out.ok ? 'campaign.schedule' : 'campaign.schedule_refused', {
      ...(out.ok ? { messages: out.messages } : { reason: out.reason }),
    });
    return out;
  },
});
