import type { Kysely, Selectable } from 'kysely';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { deriveConsentState } from '../core/consent/derive-consent-state.ts';
import { contactValueKeys, mergeContact, sameContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import { readConsentChains, type StoredConsentEvent } from './consent.ts';
import type { ImportOutcomes, Original, SavedOriginal } from './import-outcomes.ts';
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
  /** What the import has done to each contact so far (counted on its final state). */
  readonly outcomes: ImportOutcomes;
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
  const { db, workspaceId, outcomes } = recording;
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
    const ids = befores.map((b) => Number(b.id));
    const chains = await readConsentChains(db, workspaceId, ids);
    const originals = await outcomes.originalsOf(ids);
    const saves: SavedOriginal[] = [];
    for (const incoming of part) {
      const before = byPhone.get(incoming.contact.phone);
      if (!before) throw new Error(`stored contact ${incoming.contact.phone} not found`);
      const id = Number(before.id);
      const { appended, save } = await mergeStored(
        recording,
        incoming,
        before,
        { chain: chains.get(id) ?? [], original: originals.get(id) },
        eventRows,
      );
      if (save) saves.push(save);
      granted?.set(incoming.contact.phone, grantDates(appended));
    }
    await outcomes.save(saves);
  }
}

/**
 * A stored number: merge the values, append the events not yet in its chain, and write it back
 * if that changed it, counted by `outcomes`.
 */
async function mergeStored(
  recording: ImportRecording,
  incoming: Incoming,
  before: Selectable<ContactsTable>,
  stored: { chain: readonly StoredConsentEvent[]; original: Original | undefined },
  eventRows: unknown[][],
): Promise<{ appended: ConsentEventInput[]; save: SavedOriginal | null }> {
  const { db, workspaceId, outcomes } = recording;
  const phone = incoming.contact.phone;
  const id = Number(before.id);
  const beforeValues = {} as ContactValues;
  for (const k of contactValueKeys)
    (beforeValues as unknown as Record<string, unknown>)[k] = before[k];
  const merged = mergeContact(beforeValues, incoming.contact);
  const chain: ChainedEvent[] = [...stored.chain];
  const appended = recording.appendEvents(id, phone, chain, incoming, eventRows);
  const changed = !sameContact(beforeValues, merged) || appended.length > 0;
  const touch = {
    id,
    current: beforeValues,
    currentUpdatedAt: before.updated_at,
    merged,
    appended: appended.length > 0,
  };
  const { updatedAt, save } = outcomes.touch(touch, stored.original);
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
        updated_at: updatedAt,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }
  return { appended, save };
}
