import { createFinding, type Finding } from '../preflight/finding.ts';
import type { PlanSummary } from './summarize-plan.ts';

/**
 * The plan's finding when messages cannot fit before finish-by (or within the horizon): a
 * warning with the count per territory. They are never planned late; the marketer may widen
 * the schedule, raise the throughput or accept a partial send.
 */
export function describeUnplaceable(summary: PlanSummary): Finding | null {
  if (summary.unplaceable === 0) return null;
  const where = Object.entries(summary.perTerritory)
    .filter(([, s]) => s.unplaceable > 0)
    .map(([t, s]) => `${t} : ${s.unplaceable}`)
    .join(', ');
  return createFinding(
    'TX-PLAN-01',
    'warn',
    summary.unplaceable,
    `${summary.unplaceable} message(s) ne tiennent pas dans les fenêtres d’envoi avant la date limite (${where}) : ils ne partiront pas. Élargissez la période, le débit ou les créneaux.`,
  );
}
