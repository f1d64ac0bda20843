import { optOutPercent } from '../core/campaign/opt-out-guard.ts';
import { transitionCampaign } from '../core/campaign/transition-campaign.ts';
import { updateCampaignState } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { countDeliveryStatuses, countParkedReceipts } from '../store/message-parts.ts';
import { nextPlannedAt } from '../store/message-queue.ts';
import { countMessagesByState, type MessageState } from '../store/messages.ts';
import type { CampaignPolicy } from './campaign-evaluation.ts';
import { type ScheduleOutcome, scheduleCampaign } from './campaign-schedule.ts';
import { type CampaignRef, loadCampaign, toCampaign } from './campaigns.ts';
import { tallyOptOuts } from './opt-out-watch.ts';

export type SendPreparation =
  | {
      readonly ok: true;
      readonly campaign: string;
      readonly workspaceId: string;
      readonly scheduled: ScheduleOutcome | null;
    }
  | {
      readonly ok: false;
      readonly campaign: string;
      readonly reason: string;
      readonly message: string;
    };

/**
 * `campaign send`: a draft is scheduled first (refused with its findings), a scheduled or
 * sending campaign is dispatched as it is; a paused, completed or cancelled one is refused.
 */
export async function prepareCampaignSend(
  store: Store,
  policy: CampaignPolicy,
  ref: CampaignRef,
  now: Date,
): Promise<SendPreparation> {
  const row = await loadCampaign(store, ref);
  let scheduled: ScheduleOutcome | null = null;
  if (row.state === 'draft') {
    scheduled = await scheduleCampaign(store, policy, ref, now);
    if (!scheduled.ok) {
      return { ok: false, campaign: row.id, reason: scheduled.reason, message: scheduled.message };
    }
  } else if (row.state !== 'scheduled' && row.state !== 'sending') {
    return {
      ok: false,
      campaign: row.id,
      reason: 'invalid-transition',
      message: `campaign ${row.id} is ${row.state}: only a draft, scheduled or sending campaign can be sent`,
    };
  }
  return { ok: true, campaign: row.id, workspaceId: row.workspace_id, scheduled };
}

export interface CampaignStatus {
  readonly campaign: string;
  readonly state: string;
  readonly total: number;
  /** Messages by state (planned … delivered, unknown, failed…), every state listed. */
  readonly states: Record<MessageState, number>;
  /** Messages handed to the gateway by delivery status (last receipt; awaiting_receipt). */
  readonly delivery: Record<string, number>;
  /** Messages whose fate is unknown (crash between submit and response): never resent. */
  readonly unknown: number;
  /** Receipts received for no recorded part (all workspaces). */
  readonly unmatchedReceipts: number;
  /** When the next planned message is due (a later window, a best slot), or null. */
  readonly nextPlannedAt: string | null;
  /** Replies read as an opt-out, and their share of the messages sent (FR-SND-04), in percent. */
  readonly optOuts: { readonly count: number; readonly percent: number | null };
}

const allStates: readonly MessageState[] = [
  'planned',
  'claimed',
  'submitting',
  'submitted',
  'delivered',
  'undeliverable',
  'expired',
  'cancelled',
  'refused',
  'failed',
  'unknown',
];

/** Counts of a campaign's messages by state and of its parts by delivery status. */
export async function describeCampaignStatus(
  store: Store,
  ref: CampaignRef,
): Promise<CampaignStatus> {
  const row = await loadCampaign(store, ref);
  const counts = await countMessagesByState(store.db, row.workspace_id, row.id);
  const states = Object.fromEntries(allStates.map((s) => [s, counts[s] ?? 0])) as Record<
    MessageState,
    number
  >;
  return {
    campaign: row.id,
    state: row.state,
    total: Object.values(states).reduce((a, b) => a + b, 0),
    states,
    delivery: await countDeliveryStatuses(store.db, row.workspace_id, row.id),
    unknown: states.unknown,
    unmatchedReceipts: await countParkedReceipts(store.db),
    nextPlannedAt: states.planned > 0 ? await nextPlannedAt(store.db, row.id) : null,
    optOuts: await describeOptOuts(store, row.workspace_id, row.id),
  };
}

async function describeOptOuts(store: Store, workspaceId: string, campaignId: string) {
  const tally = await tallyOptOuts(store, workspaceId, campaignId);
  return { count: tally.optOuts, percent: optOutPercent(tally) };
}

/** Waits until no message of the campaign awaits its receipt, or the time is up. */
export async function waitForReceipts(
  store: Store,
  ref: CampaignRef,
  timeoutMs: number,
): Promise<boolean> {
  const row = await loadCampaign(store, ref);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const counts = await countMessagesByState(store.db, row.workspace_id, row.id);
    if (!counts.submitted) return true;
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Pause or resume a sending campaign: workers stop handing its messages over at their next
 * batch (≤ 0.5 s of sending) and release what they had claimed.
 */
export async function changeCampaignSending(
  store: Store,
  ref: CampaignRef,
  action: 'pause' | 'resume',
  now: Date,
): Promise<{ ok: boolean; state: string; reason?: string; message?: string }> {
  const row = await loadCampaign(store, ref);
  const moved = transitionCampaign(toCampaign(row), action, { now });
  if (!moved.ok)
    return { ok: false, state: row.state, reason: moved.reason, message: moved.message };
  const done = await updateCampaignState(store.db, row.workspace_id, row.id, row.state, {
    state: moved.campaign.state,
    updated_at: now.toISOString(),
  });
  return done
    ? { ok: true, state: moved.campaign.state }
    : {
        ok: false,
        state: row.state,
        reason: 'conflict',
        message: 'La campagne a changé d’état entre-temps : réessayez.',
      };
}
