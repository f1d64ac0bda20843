import type { Kysely } from 'kysely';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { deriveConsentState, stateOf } from '../core/consent/derive-consent-state.ts';
import { fingerprintConsentEvent } from '../core/consent/hash-consent-event.ts';
import { contactValueKeys, mergeContact, sameContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import { chainConsentEvent, toConsentEvent, toConsentEventRow } from './consent.ts';
import type { BulkSession } from './db.ts';
import type { Database } from './schema.ts';

export interface ImportRow {
  readonly line: number;
  readonly contact: ContactValues;
  readonly consent: ConsentEventInput;
}

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  consentEvents: number;
  suppressed: number;
  liftedSuppressions: number;
}

/** Contact ids already touched by this import, as a growable bitset (1M ids = 125 KB). */
class IdSet {
  private bits = new Uint8Array(1 << 16);
  has(id: number): boolean {
    return id >> 3 < this.bits.length && (this.bits[id >> 3]! & (1 << (id & 7))) !== 0;
  }
  add(id: number): void {
    if (id >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (id >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[id >> 3]! |= 1 << (id & 7);
  }
}

/**
 * Writes validated import rows in batches inside the caller's bulk transaction: merges
 * duplicates (within the file and against the store), appends each new consent event to its
 * contact's chain (identical events are recorded once), refreshes the consent cache, and
 * lifts a suppression only for an opt-in collected after it. Workspace-scoped throughout.
 */
export function createContactImporter(
  session: BulkSession,
  workspaceId: string,
  options: { origin: string; now: Date },
) {
  const db: Kysely<Database> = session.db;
  const seen = new IdSet();
  const nowIso = options.now.toISOString();
  const counts: ImportCounts = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    consentEvents: 0,
    suppressed: 0,
    liftedSuppressions: 0,
  };

  let written = 0;
  let nextRefresh = 2000;
  const insertMany = (table: 'contacts' | 'consent_events', rows: Record<string, unknown>[]) =>
    session.insertRows(table, rows);

  async function writeBatch(rows: readonly ImportRow[]): Promise<void> {
    const byPhone = new Map<string, { contact: ContactValues; events: ConsentEventInput[] }>();
    for (const row of rows) {
      const same = byPhone.get(row.contact.phone);
      if (same) {
        counts.duplicates += 1;
        same.contact = mergeContact(same.contact, row.contact);
        same.events.push(row.consent);
      } else byPhone.set(row.contact.phone, { contact: row.contact, events: [row.consent] });
    }
    const phones = [...byPhone.keys()];
    const existing = await db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('list_id', 'is', null)
      .where('phone', 'in', phones)
      .execute();
    const existingByPhone = new Map(existing.map((c) => [c.phone, c]));
    const suppressions = await db
      .selectFrom('suppressions')
      .select(['id', 'phone', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('lifted_at', 'is', null)
      .where('phone', 'in', phones)
      .execute();
    const suppressedAt = new Map(suppressions.map((s) => [s.phone, s]));

    const existingIds = existing.map((c) => Number(c.id));
    const priorEvents =
      existingIds.length === 0
        ? []
        : await db
            .selectFrom('consent_events')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where('contact_id', 'in', existingIds)
            .orderBy('seq')
            .execute();
    const eventsOf = new Map<number, ReturnType<typeof toConsentEvent>[]>();
    for (const r of priorEvents) {
      const e = toConsentEvent(r);
      const list = eventsOf.get(e.contactId);
      if (list) list.push(e);
      else eventsOf.set(e.contactId, [e]);
    }

    const newContacts: Record<string, unknown>[] = [];
    const newEvents: Array<{ phone: string; events: ConsentEventInput[] }> = [];
    const eventRows: Record<string, unknown>[] = [];
    const lifts: Array<{ suppressionId: number; phone: string }> = [];

    for (const [phone, incoming] of byPhone) {
      const before = existingByPhone.get(phone);
      const suppression = suppressedAt.get(phone);
      if (!before) {
        const state = deriveConsentState(incoming.events, incoming.contact.last_interaction_at);
        newContacts.push({
          workspace_id: workspaceId,
          list_id: null,
          ...incoming.contact,
          consent_basis: state.basis,
          consent_status: state.status,
          consent_valid_until: state.validUntil,
          consent_collected_at: state.collectedAt,
          created_at: nowIso,
          updated_at: nowIso,
        });
        newEvents.push({ phone, events: incoming.events });
        counts.imported += 1;
        if (suppression) {
          const lifting = incoming.events.some(
            (e) => e.collectedAt > suppression.created_at && stateOf(e, null).status === 'granted',
          );
          if (lifting) lifts.push({ suppressionId: Number(suppression.id), phone });
          else counts.suppressed += 1;
        }
        continue;
      }
      const id = Number(before.id);
      const beforeValues = Object.fromEntries(
        contactValueKeys.map((k) => [k, before[k]]),
      ) as unknown as ContactValues;
      const merged = mergeContact(beforeValues, incoming.contact);
      const chain = [...(eventsOf.get(id) ?? [])];
      const known = new Set(chain.map((e) => e.fingerprint));
      let appended = 0;
      let lifting = false;
      for (const input of incoming.events) {
        const fingerprint = fingerprintConsentEvent(phone, input);
        if (known.has(fingerprint)) continue;
        known.add(fingerprint);
        const last = chain[chain.length - 1] ?? null;
        const event = chainConsentEvent(workspaceId, phone, input, last, options.origin, nowIso);
        chain.push({ ...event, id: 0, contactId: id });
        eventRows.push(toConsentEventRow(id, event));
        appended += 1;
        if (
          suppression &&
          input.collectedAt > suppression.created_at &&
          stateOf(input, null).status === 'granted'
        ) {
          lifting = true;
        }
      }
      counts.consentEvents += appended;
      const changed = !sameContact(beforeValues, merged) || appended > 0;
      if (seen.has(id)) counts.duplicates += 1;
      else if (changed) counts.updated += 1;
      else counts.unchanged += 1;
      seen.add(id);
      if (suppression) {
        if (lifting) lifts.push({ suppressionId: Number(suppression.id), phone });
        else counts.suppressed += 1;
      }
      if (!changed) continue;
      const state = deriveConsentState(chain, merged.last_interaction_at);
      await db
        .updateTable('contacts')
        .set({
          ...merged,
          consent_basis: state.basis,
          consent_status: state.status,
          consent_valid_until: state.validUntil,
          consent_collected_at: state.collectedAt,
          updated_at: nowIso,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    }

    const insertedIds = await insertMany('contacts', newContacts);
    if (newEvents.length > 0) {
      const ids = insertedIds
        ? newEvents.map((n, i) => ({ phone: n.phone, id: insertedIds[i]! }))
        : await db
            .selectFrom('contacts')
            .select(['id', 'phone'])
            .where('workspace_id', '=', workspaceId)
            .where('list_id', 'is', null)
            .where(
              'phone',
              'in',
              newEvents.map((n) => n.phone),
            )
            .execute();
      const idOf = new Map(ids.map((r) => [r.phone, Number(r.id)]));
      for (const { phone, events } of newEvents) {
        const id = idOf.get(phone)!;
        seen.add(id);
        let last: { seq: number; hash: string } | null = null;
        const known = new Set<string>();
        for (const input of events) {
          const event = chainConsentEvent(workspaceId, phone, input, last, options.origin, nowIso);
          if (known.has(event.fingerprint)) continue;
          known.add(event.fingerprint);
          eventRows.push(toConsentEventRow(id, event));
          last = event;
          counts.consentEvents += 1;
        }
      }
    }
    await insertMany('consent_events', eventRows);
    written += newContacts.length;
    if (written >= nextRefresh) {
      await session.refreshStatistics(['contacts', 'consent_events']);
      nextRefresh = written * 4;
    }
    for (const lift of lifts) {
      const event = await db
        .selectFrom('consent_events')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('phone', '=', lift.phone)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      await db
        .updateTable('suppressions')
        .set({
          lifted_at: nowIso,
          lifted_note: `new opt-in recorded by ${options.origin}`,
          lifted_by_consent_event_id: event ? Number(event.id) : null,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', lift.suppressionId)
        .execute();
      counts.liftedSuppressions += 1;
    }
  }

  return { writeBatch, counts };
}
