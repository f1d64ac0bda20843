import { createHash } from 'node:crypto';
import { transitionCampaign } from '../core/campaign/transition-campaign.ts';
import { digestRecipients } from '../core/certificate/digest-recipients.ts';
import type { Finding } from '../core/preflight/finding.ts';
import { updateCampaignState } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { findLicence, markRentalConsumed } from '../store/licences.ts';
import { insertMessages } from '../store/messages.ts';
import { type CampaignPolicy, consentBasesOf, evaluateCampaign } from './campaign-evaluation.ts';
import { buildMessageRows, buildSeedRows } from './campaign-messages.ts';
import { type CampaignRef, loadCampaign, toCampaign } from './campaigns.ts';

export type ScheduleOutcome =
  | {
      readonly ok: true;
      readonly campaign: string;
      readonly state: 'scheduled';
      readonly messages: number;
      readonly seeds: number;
      readonly unplaceable: number;
      readonly seedsUnplaceable: number;
      readonly start: string | null;
      readonly end: string | null;
      readonly rentalsConsumed: readonly string[];
      readonly recipientDigest: string;
    }
  | {
      readonly ok: false;
      readonly campaign: string;
      readonly reason: 'blocking-findings' | 'invalid-transition' | 'rental-already-used';
      readonly message: string;
      /** The blocking findings (empty for a state refusal). */
      readonly findings: readonly Finding[];
    };

class Refusal extends Error {
  constructor(
    readonly reason: 'invalid-transition' | 'rental-already-used',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Schedules a draft campaign: refused with its blocking findings, else in one transaction the
 * campaign moves draft → scheduled, its rentals are consumed (one campaign per rental: a
 * concurrent second campaign loses), and every planned message is written in state planned,
 * plus the rentals' seed numbers (not billed). All or nothing.
 */
export async function scheduleCampaign(
  store: Store,
  policy: CampaignPolicy,
  ref: CampaignRef,
  now: Date,
): Promise<ScheduleOutcome> {
  const row = await loadCampaign(store, ref);
  const campaign = toCampaign(row);
  const state = transitionCampaign(campaign, 'schedule', { now });
  if (!state.ok)
    return {
      ok: false,
      campaign: row.id,
      reason: state.reason,
      message: state.message,
      findings: [],
    };
  const evaluation = await evaluateCampaign(store, policy, campaign, now);
  const blocking = evaluation.composed.findings.filter((f) => f.severity === 'block');
  const moved = transitionCampaign(campaign, 'schedule', {
    now,
    blockingFindings: blocking.length,
  });
  if (!moved.ok)
    return {
      ok: false,
      campaign: row.id,
      reason: moved.reason,
      message: moved.message,
      findings: blocking,
    };
  const seeds = await buildSeedRows(store, campaign, evaluation, now);
  // What the certificate of a scheduled campaign shows: the checks as they were made now.
  const summary = JSON.stringify({
    ...evaluation.composed,
    consentBases: consentBasesOf(evaluation.eligible),
  });
  const recipientDigest = digestRecipients(evaluation.eligible.e164);
  const rentals = evaluation.set.licences.filter((l) => l.type === 'rental').map((l) => l.id);
  const at = now.toISOString();
  try {
    const messages = await store.bulk(async (session) => {
      const changed = await updateCampaignState(session.db, row.workspace_id, row.id, 'draft', {
        state: 'scheduled',
        updated_at: at,
        scheduled_at: at,
        preflight_summary: summary,
        preflight_digest: createHash('sha256').update(summary).digest('hex'),
        recipient_digest: recipientDigest,
      });
      if (!changed) throw new Refusal('invalid-transition', 'the campaign is no longer a draft');
      for (const id of rentals) {
        if (await markRentalConsumed(session.db, id, row.id, null, at)) continue;
        const licence = await findLicence(session.db, row.workspace_id, id);
        if (licence?.campaign_id !== row.id) {
          throw new Refusal(
            'rental-already-used',
            `rental ${id} was already used by campaign ${licence?.campaign_id ?? '?'}: a rental allows exactly one campaign (LIST-05)`,
          );
        }
      }
      let written = 0;
      for (const rows of buildMessageRows(campaign, evaluation, now)) {
        await insertMessages(session, rows);
        written += rows.length;
      }
      await insertMessages(session, seeds.rows);
      return written;
    });
    const plan = evaluation.composed.plan;
    return {
      ok: true,
      campaign: row.id,
      state: 'scheduled',
      messages,
      seeds: seeds.rows.length,
      unplaceable: plan?.unplaceable ?? 0,
      seedsUnplaceable: seeds.unplaceable,
      start: plan?.start ?? null,
      end: plan?.end ?? null,
      rentalsConsumed: rentals,
      recipientDigest,
    };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return {
      ok: false,
      campaign: row.id,
      reason: error.reason,
      message: error.message,
      findings: [],
    };
  }
}
