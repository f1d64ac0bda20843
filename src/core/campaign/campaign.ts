import { z } from 'zod';

/**
 * The campaign model: what the marketer sets up (sender, template, purpose, sector, audiences and
 * licences, rule pack and window policy, schedule, throughput cap) plus its lifecycle state.
 * Pure: ids and timestamps are given by the services layer.
 */
export const campaignStates = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignState = (typeof campaignStates)[number];

export const purposes = ['promotional', 'transactional'] as const;
export type Purpose = (typeof purposes)[number];

/** Sectors; the three of rules.md FR-MSG-05 are banned for prospecting outside a contract. */
export const sectors = [
  'general',
  'retail',
  'fashion',
  'food',
  'travel',
  'leisure',
  'automotive',
  'real_estate',
  'banking',
  'insurance',
  'health',
  'education',
  'telecom',
  'energy',
  'charity',
  'energy_renovation',
  'home_adaptation',
  'cpf_training',
  'other',
] as const;
export type Sector = (typeof sectors)[number];

export const slotModes = ['asap', 'best'] as const;
export type SlotMode = (typeof slotModes)[number];

const isoInstant = z.iso.datetime({ offset: true });

export const scheduleSchema = z
  .object({
    start: isoInstant,
    finishBy: isoInstant.optional(),
    slots: z.enum(slotModes).default('asap'),
  })
  .refine((s) => s.finishBy === undefined || Date.parse(s.finishBy) > Date.parse(s.start), {
    message: 'finishBy must be after start',
    path: ['finishBy'],
  });
export type Schedule = z.infer<typeof scheduleSchema>;

/** What a marketer gives to create a campaign (validated at the CLI/API boundary). */
export const campaignInputSchema = z.object({
  workspaceId: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  sender: z.string().min(1).max(20),
  text: z.string().min(1).max(2000),
  purpose: z.enum(purposes).default('promotional'),
  sector: z.enum(sectors).default('general'),
  audiences: z.array(z.string().min(1)).default([]),
  licences: z.array(z.string().min(1)).default([]),
  rulePack: z.string().min(1).default('FR'),
  policy: z.string().min(1).default('brief'),
  schedule: scheduleSchema,
  /** Gateway throughput cap in SMS parts (submit_sm PDUs) per second. */
  tps: z.number().int().min(1).max(10_000).default(10),
});
export type CampaignInput = z.input<typeof campaignInputSchema>;

export const campaignSchema = campaignInputSchema.extend({
  id: z.string().min(1),
  state: z.enum(campaignStates),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Campaign = z.infer<typeof campaignSchema>;
