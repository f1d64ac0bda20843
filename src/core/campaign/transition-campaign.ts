import type { Campaign, CampaignState } from './campaign.ts';

export const campaignActions = [
  'schedule',
  'unschedule',
  'start',
  'pause',
  'resume',
  'complete',
  'cancel',
] as const;
export type CampaignAction = (typeof campaignActions)[number];

/** From which states each action may be taken, and the state it leads to. */
const moves: Record<CampaignAction, { from: readonly CampaignState[]; to: CampaignState }> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft' },
  start: { from: ['scheduled'], to: 'sending' },
  pause: { from: ['sending'], to: 'paused' },
  resume: { from: ['paused'], to: 'sending' },
  complete: { from: ['sending', 'paused'], to: 'completed' },
  cancel: { from: ['draft', 'scheduled', 'sending', 'paused'], to: 'cancelled' },
};

/** The words a French reader of a refusal expects, not the codes. */
const actionWords: Record<CampaignAction, string> = {
  schedule: 'programmer',
  unschedule: 'déprogrammer',
  start: 'démarrer',
  pause: 'suspendre',
  resume: 'reprendre',
  complete: 'terminer',
  cancel: 'annuler',
};
const stateWords: Record<CampaignState, string> = {
  draft: 'brouillon',
  scheduled: 'programmée',
  sending: 'en cours d’envoi',
  paused: 'suspendue',
  completed: 'terminée',
  cancelled: 'annulée',
};

export type TransitionResult =
  | { ok: true; campaign: Campaign }
  | { ok: false; reason: 'invalid-transition' | 'blocking-findings'; message: string };

export interface TransitionContext {
  /** The instant of the change (the core has no clock). */
  readonly now: Date;
  /** Number of blocking preflight findings; scheduling requires 0. */
  readonly blockingFindings?: number;
}

/** The pure state machine draft → scheduled → sending ⇄ paused → completed | cancelled. */
export function transitionCampaign(
  campaign: Campaign,
  action: CampaignAction,
  context: TransitionContext,
): TransitionResult {
  const move = moves[action];
  if (!move.from.includes(campaign.state)) {
    return {
      ok: false,
      reason: 'invalid-transition',
      message: `Impossible ${/^[aeiouyéè]/.test(actionWords[action]) ? 'd’' : 'de '}${actionWords[action]} une campagne ${stateWords[campaign.state]} (possible seulement ${move.from.map((s) => `« ${stateWords[s]} »`).join(', ')}).`,
    };
  }
  if (action === 'schedule' && (context.blockingFindings ?? 0) > 0) {
    return {
      ok: false,
      reason: 'blocking-findings',
      message: `La campagne ne peut pas être programmée : ${context.blockingFindings} point(s) bloquant(s) au contrôle préalable.`,
    };
  }
  return {
    ok: true,
    campaign: { ...campaign, state: move.to, updatedAt: context.now.toISOString() },
  };
}
