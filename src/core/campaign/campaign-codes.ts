/**
 * The codes of a campaign's closed fields, without zod, so that the web UI can list them from
 * the very module the server validates with (campaign.ts re-exports them).
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
