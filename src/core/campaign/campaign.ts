import { z } from 'zod';
import { campaignStates, purposes, sectors, slotModes } from './campaign-codes.ts';

/**
 * The campaign model: what the marketer sets up (sender, template, purpose, sector, audiences and
 * licences, rule pack and window policy, schedule, throughput cap) plus its lifecycle state.
 * Pure: ids and timestamps are given by the services layer.
 */
export {
  type CampaignState,
  campaignStates,
  type Purpose,
  purposes,
  type Sector,
  type SlotMode,
  sectors,
  slotModes,
} from './campaign-codes.ts';

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
