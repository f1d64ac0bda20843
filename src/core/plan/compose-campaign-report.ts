import type { Finding } from '../preflight/finding.ts';
import type { PreflightReport } from '../preflight/run-preflight.ts';
import { describeUnplaceable } from './describe-unplaceable.ts';
import type { PlanSummary } from './summarize-plan.ts';

export interface CampaignReport {
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  readonly recipients: PreflightReport['recipients'];
  readonly message: Pick<PreflightReport['message'], 'encoding' | 'parts' | 'stop'> & {
    readonly totalParts: number;
    readonly sender: PreflightReport['message']['sender'];
  };
  readonly exposureAvoided: PreflightReport['exposureAvoided'];
  readonly plan: {
    readonly start: string | null;
    readonly end: string | null;
    readonly perDay: PlanSummary['perDay'];
    readonly perSlot: PlanSummary['perSlot'];
    readonly perTerritory: PlanSummary['perTerritory'];
    readonly planned: number;
    readonly unplaceable: number;
  } | null;
  readonly cost: { readonly parts: number; readonly eur: number } | null;
}

/**
 * The shape of `texto campaign preflight ID --json` (issue 7 contract): the preflight report,
 * the plan summary (null when no plan was computed, e.g. blocked) and the cost, with the plan's
 * unplaceable warning among the findings.
 */
export function composeCampaignReport(
  report: PreflightReport,
  plan: PlanSummary | null,
): CampaignReport {
  const unplaceable = plan ? describeUnplaceable(plan) : null;
  return {
    ok: report.ok,
    findings: unplaceable ? [...report.findings, unplaceable] : report.findings,
    recipients: report.recipients,
    message: report.message,
    exposureAvoided: report.exposureAvoided,
    plan: plan
      ? {
          start: plan.start,
          end: plan.end,
          perDay: plan.perDay,
          perSlot: plan.perSlot,
          perTerritory: plan.perTerritory,
          planned: plan.planned,
          unplaceable: plan.unplaceable,
        }
      : null,
    cost: plan ? { parts: plan.parts, eur: plan.costEur } : null,
  };
}
