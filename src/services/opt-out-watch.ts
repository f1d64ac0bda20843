import {
  defaultOptOutGuard,
  exceedsOptOutGuard,
  type OptOutGuard,
  type OptOutTally,
  optOutPercent,
} from '../core/campaign/opt-out-guard.ts';
import { hasAuditEntry } from '../store/audit-log.ts';
import { findCampaign, pauseCampaignBySystem } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { countCampaignOptOuts } from '../store/inbound-messages.ts';
import { countMessagesByState, handedOverStates } from '../store/messages.ts';

/** The audit action of an automatic pause; one per campaign (see `createOptOutWatch`). */
export const optOutPauseAction = 'campaign.paused_for_opt_outs';

/** A campaign's opt-out replies and messages sent so far. */
export async function tallyOptOuts(
  store: Store,
  workspaceId: string,
  campaignId: string,
): Promise<OptOutTally> {
  const [optOuts, states] = await Promise.all([
    countCampaignOptOuts(store.db, workspaceId, campaignId),
    countMessagesByState(store.db, workspaceId, campaignId),
  ]);
  // Taken over the messages that reached the gateway.
  return { optOuts, sent: handedOverStates.reduce((n, s) => n + (states[s] ?? 0), 0) };
}

/** The guard the configuration asks for (TEXTO_OPT_OUT_PAUSE_PERCENT). */
export function optOutGuardOf(config: { readonly optOutPausePercent: number }): OptOutGuard {
  return { ...defaultOptOutGuard, percent: config.optOutPausePercent };
}

export type OptOutWatch = (workspaceId: string, campaignId: string, now: Date) => Promise<boolean>;

/**
 * FR-SND-04: after an opt-out reply, pauses its campaign when the campaign's opt-outs reach the
 * guard's share of the messages it sent (audited, by the system). A campaign is paused this way
 * once: if the marketer resumes it, that is a decision the guard does not overrule. A campaign
 * is tallied at most once every `everyMs` (a burst of STOPs would otherwise count a large
 * campaign's messages for each one): the pause comes at the first opt-out after that.
 */
export function createOptOutWatch(
  store: Store,
  guard: OptOutGuard = defaultOptOutGuard,
  options: { readonly everyMs?: number } = {},
): OptOutWatch {
  const everyMs = options.everyMs ?? 5_000;
  const tallied = new Map<string, number>();
  const seen = new Set<string>();
  return async (workspaceId, campaignId, now) => {
    if (guard.percent <= 0 || seen.has(campaignId)) return false;
    const last = tallied.get(campaignId);
    if (last !== undefined && now.getTime() - last < everyMs) return false;
    tallied.set(campaignId, now.getTime());
    const row = await findCampaign(store.db, workspaceId, campaignId);
    if (row?.state !== 'sending') return false;
    const tally = await tallyOptOuts(store, workspaceId, campaignId);
    if (!exceedsOptOutGuard(tally, guard)) return false;
    if (await hasAuditEntry(store.db, workspaceId, optOutPauseAction, campaignId)) {
      seen.add(campaignId);
      return false;
    }
    const paused = await pauseCampaignBySystem(store.db, {
      workspaceId,
      campaignId,
      action: optOutPauseAction,
      details: { ...tally, percent: optOutPercent(tally), threshold: guard.percent },
      at: now.toISOString(),
    });
    if (!paused) return false;
    seen.add(campaignId);
    return true;
  };
}
