import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { stateOf } from '../core/consent/derive-consent-state.ts';
import type { BulkSession } from './db.ts';

/**
 * Imported numbers under an active suppression stay suppressed (counted), unless one of the
 * opt-ins this import recorded was collected after it (OPT-01): then it is lifted, pointing
 * to the contact's latest event.
 */
export async function settleImportSuppressions(
  session: BulkSession,
  workspaceId: string,
  recording: { origin: string; nowIso: string },
  granted: ReadonlyMap<string, readonly string[]>,
  counts: { suppressed: number; liftedSuppressions: number },
): Promise<void> {
  if (granted.size === 0) return;
  const { db } = session;
  const suppressions = await db
    .selectFrom('suppressions')
    .select(['id', 'phone', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('lifted_at', 'is', null)
    .where(session.anyOf('phone', [...granted.keys()]))
    .execute();
  for (const suppression of suppressions) {
    const lifting = granted.get(suppression.phone)!.some((at) => at > suppression.created_at);
    if (!lifting) {
      counts.suppressed += 1;
      continue;
    }
    const event = await db
      .selectFrom('consent_events as e')
      .innerJoin('contacts as c', 'c.id', 'e.contact_id')
      .select('e.id')
      .where('c.workspace_id', '=', workspaceId)
      .where('c.list_id', 'is', null)
      .where('c.phone', '=', suppression.phone)
      .orderBy('e.seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    await db
      .updateTable('suppressions')
      .set({
        lifted_at: recording.nowIso,
        lifted_note: `new opt-in recorded by ${recording.origin}`,
        lifted_by_consent_event_id: event ? Number(event.id) : null,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', Number(suppression.id))
      .execute();
    counts.liftedSuppressions += 1;
  }
}

/** When the opt-ins among these events were collected (what may lift a suppression). */
export function grantDates(events: readonly ConsentEventInput[]): string[] {
  return events.filter((e) => stateOf(e, null).status === 'granted').map((e) => e.collectedAt);
}
