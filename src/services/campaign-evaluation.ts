import type { Campaign } from '../core/campaign/campaign.ts';
import { compileTemplate } from '../core/message/compile-template.ts';
import {
  type CampaignReport,
  composeCampaignReport,
} from '../core/plan/compose-campaign-report.ts';
import { createWindowSource } from '../core/plan/create-window-source.ts';
import { type Plan, planCampaign } from '../core/plan/plan-campaign.ts';
import { createFinding } from '../core/preflight/finding.ts';
import {
  type EligibleSet,
  type PreflightReport,
  runPreflight,
} from '../core/preflight/run-preflight.ts';
import type { Store } from '../store/db.ts';
import { readSendingSettings } from '../store/workspace-settings.ts';
import { findWorkspace } from '../store/workspaces.ts';
import { advertiserOf } from './advertiser-names.ts';
import {
  type CampaignRecipient,
  loadCampaignRecipients,
  type RecipientSet,
} from './campaign-recipients.ts';
import { checkCampaignLicences } from './licences.ts';

/** What the preflight takes from the configuration (TEXTO_STOP_CODE, _MAX_PARTS, …). */
export interface CampaignPolicy {
  readonly stopCode?: string | undefined;
  readonly maxParts?: number;
  readonly penaltyPerNumberEur?: number;
  readonly senderDenylist?: readonly string[] | undefined;
}

export interface Evaluation {
  readonly set: RecipientSet;
  /** The preflight, with LIST-05 blocking when a rental was already used by another campaign. */
  readonly report: PreflightReport;
  readonly eligible: EligibleSet;
  /** Null when nobody is eligible. */
  readonly plan: Plan | null;
  /** The contract shape (`campaign preflight --json`). */
  readonly composed: CampaignReport;
}

/**
 * Preflight and plan of a campaign at `now`: recipients read from the store in bulk, then the
 * pure core (runPreflight, planCampaign, composeCampaignReport). The plan is computed even when
 * a finding blocks, so the marketer sees what fixing it would give.
 */
export async function evaluateCampaign(
  store: Store,
  policy: CampaignPolicy,
  campaign: Campaign,
  now: Date,
): Promise<Evaluation> {
  const template = compileTemplate(campaign.text);
  const set = await loadCampaignRecipients(
    store,
    { ...campaign, placeholders: template.placeholders },
    now,
  );
  const workspace = await findWorkspace(store.db, campaign.workspaceId);
  // The workspace's STOP code and approved senders (settings) override the process defaults.
  const sending = await readSendingSettings(store.db, campaign.workspaceId);
  const preflight = runPreflight({
    campaign,
    recipients: set.recipients,
    now,
    stopCode: sending.stopCode ?? policy.stopCode,
    maxParts: policy.maxParts ?? 1,
    senderDenylist: policy.senderDenylist,
    approvedSenders: sending.senders,
    advertiser: advertiserOf(workspace, sending.senders),
    rightsMention: workspace?.rights_mention ?? null,
    exhaustedLicences: new Set(set.usedRentals.keys()),
    penaltyPerNumberEur: policy.penaltyPerNumberEur ?? 1000,
  });
  const report = await addPartnerNaming(store, campaign, addRentalFindings(preflight.report, set));
  const plan =
    preflight.eligible.eligible.length === 0
      ? null
      : planCampaign({
          eligible: preflight.eligible,
          schedule: campaign.schedule,
          tps: campaign.tps,
          windows: createWindowSource(campaign.policy),
          rulePack: campaign.rulePack,
          now,
        });
  return {
    set,
    report,
    eligible: preflight.eligible,
    plan,
    composed: composeCampaignReport(report, plan?.summary ?? null),
  };
}

/** Eligible recipients by consent basis (the certificate's table), 'inconnue' when none. */
export function consentBasesOf(eligible: EligibleSet): Record<string, number> {
  const bases: Record<string, number> = {};
  for (const r of eligible.eligible as readonly CampaignRecipient[]) {
    const basis = r.basis ?? 'inconnue';
    bases[basis] = (bases[basis] ?? 0) + 1;
  }
  return bases;
}

/** LIST-05: a rental serves one campaign; reusing one blocks the campaign, not only its rows. */
function addRentalFindings(report: PreflightReport, set: RecipientSet): PreflightReport {
  if (set.usedRentals.size === 0) return report;
  const findings = [...set.usedRentals].map(([licence, usedBy]) =>
    createFinding(
      'LIST-05',
      'block',
      report.recipients.excluded['rental-already-used'],
      `La location ${licence} a déjà servi à la campagne ${usedBy} : une location ne vaut que pour une seule campagne. Retirez-la ou louez de nouveau.`,
    ),
  );
  return { ...report, ok: false, findings: [...findings, ...report.findings] };
}

/**
 * LIST-01: the collection form of each licensed list must name this advertiser among the
 * partners (a warning by default, a block in the workspace's strict mode). LIST-03 and LIST-05
 * are already judged by the core preflight over the recipients.
 */
async function addPartnerNaming(
  store: Store,
  campaign: Campaign,
  report: PreflightReport,
): Promise<PreflightReport> {
  if (campaign.licences.length === 0) return report;
  const naming = (
    await checkCampaignLicences(store, {
      workspaceId: campaign.workspaceId,
      campaignId: campaign.id,
      licenceIds: campaign.licences,
      text: campaign.text,
    })
  ).filter((f) => f.rule === 'LIST-01');
  if (naming.length === 0) return report;
  const blocks = naming.some((f) => f.severity === 'block');
  return { ...report, ok: report.ok && !blocks, findings: [...naming, ...report.findings] };
}
