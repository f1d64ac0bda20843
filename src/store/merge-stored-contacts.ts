import type { Kysely, Selectable } from 'kysely';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { deriveConsentState } from '../core/consent/derive-consent-state.ts';
import { contactValueKeys, mergeContact, sameContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import { readConsentChains, type StoredConsentEvent } from './consent.ts';
import type { ImportCounts } from './contact-import.ts';
import type { IdSet } from './id-set.ts';
import type { ContactsTable, Database } from './schema.ts';
import { grantDates } from './settle-import-suppressions.ts';

/** An event of a chain being extended: what the next one chains to and what it dedupes by. */
export type ChainedEvent = ConsentEventInput & { seq: number; hash: string; fingerprint: string };

/** One number as an import has it: its merged values, its events and their evidence ids. */
export interface Incoming {
  contact: ContactValues;
  events: ConsentEventInput[];
  evidenceIds: number[];
}

/** What merging into stored contacts needs of the import recording them (contact-import.ts). */
export interface ImportRecording {
  readonly db: Kysely<Database>;
  readonly workspaceId: string;
  readonly nowIso: string;
  readonly counts: ImportCounts;
  /** Contacts this import already touched: a second touch counts as a duplicate. */
  readonly seen: IdSet;
  /** Appends the incoming events a chain lacks; returns them. */
  appendEvents(
    id: number,
    phone: string,
    chain: ChainedEvent[],
    incoming: Incoming,
    eventRows: unknown[][],
  ): ConsentEventInput[];
}

/**
 * Stored numbers (each once in `stored`): their contacts and chains read in a few queries,
 * then merged one by one. `granted`, when suppressions are watched, gets their new opt-ins.
 */
export async function mergeAllStored(
  recording: ImportRecording,
  stored: readonly Incoming[],
  eventRows: unknown[][],
  granted: Map<string, string[]> | null,
): Promise<void> {
  const { db, workspaceId } = recording;
  for (let start = 0; start < stored.length; start += 500) {
    const part = stored.slice(start, start + 500);
    const befores = await db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('list_id', 'is', null)
      .where(
        'phone',
        'in',
        part.map((p) => p.contact.phone),
      )
      .execute();
    const byPhone = new Map(befores.map((b) => [b.phone, b]));
    const chains = await readConsentChains(
      db,
      workspaceId,
      befores.map((b) => Number(b.id)),
    );
    for (const incoming of part) {
      const before = byPhone.get(incoming.contact.phone);
      if (!before) throw new Error(`stored contact ${incoming.contact.phone} not found`);
      const appended = await mergeStored(
        recording,
        incoming,
        before,
        chains.get(Number(before.id)) ?? [],
        eventRows,
      );
      granted?.set(incoming.contact.phone, grantDates(appended));
    }
  }
}

/** A stored number: merge the values, append the events not yet in its chain. */
async function mergeStored(
  recording: ImportRecording,
  incoming: Incoming,
  before: Selectable<ContactsTable>,
  storedChain: readonly StoredConsentEvent[],
  eventRows: unknown[][],
): Promise<ConsentEventInput[]> {
  const { db, workspaceId, nowIso, counts, seen } = recording;
  const phone = incoming.contact.phone;
  const id = Number(before.id);
  const beforeValues = {} as ContactValues;
  for (const k of contactValueKeys)
    (beforeValues as unknown as Record<string, unknown>)[k] = before[k];
  const merged = mergeContact(beforeValues, incoming.contact);
  const chain: ChainedEvent[] = [...storedChain];
  const appended = recording.appendEvents(id, phone, chain, incoming, eventRows);
  const changed = !sameContact(beforeValues, merged) || appended.length > 0;
  if (seen.has(id)) counts.duplicates += 1;
  else if (changed) counts.updated += 1;
  else counts.unchanged += 1;
  seen.add(id);
  if (changed) {
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
  return appended;
}
