import { maskPhone } from '../core/audience/mask-phone.ts';
import type { Store } from '../store/db.ts';
import { iterateCampaignMessages } from '../store/messages.ts';
import { type CampaignPolicy, evaluateCampaign } from './campaign-evaluation.ts';
import { type CampaignRef, loadCampaign, toCampaign } from './campaigns.ts';

/** One line of `campaign plan --ndjson`: never a rented contact's or a seed's number. */
export interface PlanLine {
  readonly to: string;
  readonly plannedAt: string;
  readonly windowEndsAt: string;
  readonly parts: number;
  /** Present once scheduled: the stored message's state. */
  readonly state?: string;
}

export interface CampaignPlanListing {
  readonly campaign: string;
  /** 'computed' for a draft (planned at `now`), 'stored' once message rows exist. */
  readonly source: 'computed' | 'stored';
  /** Eligible messages that do not fit before finish-by (computed plans only). */
  readonly unplaceable: number;
  readonly lines: AsyncIterable<PlanLine>;
}

/**
 * The planned messages of a campaign in contact order: a draft's plan computed now, or a
 * scheduled campaign's stored message rows. Rented contacts and seeds are masked (LIST-05).
 */
export async function listCampaignPlan(
  store: Store,
  policy: CampaignPolicy,
  ref: CampaignRef,
  now: Date,
): Promise<CampaignPlanListing> {
  const row = await loadCampaign(store, ref);
  if (row.state !== 'draft') {
    return {
      campaign: row.id,
      source: 'stored',
      unplaceable: 0,
      lines: (async function* () {
        for await (const page of iterateCampaignMessages(store.db, row.workspace_id, row.id)) {
          for (const m of page) {
            yield {
              to: m.masked ? maskPhone(m.phone) : m.phone,
              plannedAt: m.plannedAt,
              windowEndsAt: m.windowEndsAt,
              parts: m.parts,
              state: m.state,
            };
          }
        }
      })(),
    };
  }
  const { eligible, plan } = await evaluateCampaign(store, policy, toCampaign(row), now);
  return {
    campaign: row.id,
    source: 'computed',
    unplaceable: plan?.summary.unplaceable ?? 0,
    lines: (async function* () {
      if (!plan) return;
      for (let i = 0; i < eligible.eligible.length; i++) {
        const at = plan.plannedAt[i]!;
        if (Number.isNaN(at)) continue;
        const e164 = eligible.e164[i]!;
        yield {
          to: eligible.eligible[i]!.licenceKind === 'rental' ? maskPhone(e164) : e164,
          plannedAt: new Date(at).toISOString(),
          windowEndsAt: new Date(plan.windowEndsAt[i]!).toISOString(),
          parts: eligible.parts[i]!,
        };
      }
    })(),
  };
}
