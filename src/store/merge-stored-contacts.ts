import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { deriveConsentState } from '../core/consent/derive-consent-state.ts';
import {
  contactFromValues,
  contactValueKeys,
  mergeContact,
  sameContact,
} from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import { type ChainLink, type EvidenceCache, readChainLinks } from './chain-links.ts';
import type { BulkSession } from './db.ts';
import type { ImportOutcomes, Original } from './import-outcomes.ts';
import { grantDates } from './settle-import-suppressions.ts';

/** One number as an import has it: its merged values, its events and their evidence ids. */
export interface Incoming {
  contact: ContactValues;
  events: ConsentEventInput[];
  evidenceIds: number[];
}

/** What merging into stored contacts needs of the import recording them (contact-import.ts). */
export interface ImportRecording {
  readonly session: BulkSession;
  readonly workspaceId: string;
  /** What the import has done to each contact so far (counted on its final state). */
  readonly outcomes: ImportOutcomes;
  readonly evidences: EvidenceCache;
  /** Appends the incoming events a chain lacks; returns them. */
  appendEvents(
    id: number,
    phone: string,
    chain: ChainLink[],
    incoming: Incoming,
    eventRows: unknown[][],
  ): ConsentEventInput[];
}

/**
 * The values a merge may change: all but the number it was found by. A number in the SET list
 * would make SQLite delete and reinsert the contact's entries in the two number indexes, at
 * random places, even though the value is the same.
 */
const mergedKeys = contactValueKeys.filter((k) => k !== 'phone');

/** The columns a merge writes back, in the order of each write's values (its id last). */
const updatedColumns = [
  ...mergedKeys,
  'consent_basis',
  'consent_status',
  'consent_valid_until',
  'consent_collected_at',
  'updated_at',
] as const;

/** A stored contact as merging needs it. */
interface StoredContact {
  readonly id: number;
  readonly updatedAt: string;
  readonly values: ContactValues;
}

/**
 * Numbers of the workspace that may be stored (each once in `incoming`): the stored ones are
 * read back in a few queries per 500 (values as arrays, chains without recomputing their
 * fingerprints) and merged one by one. Returns the others, not stored, for the caller to
 * insert. `granted`, when suppressions are watched, gets the stored ones' new opt-ins.
 */
export async function mergeAllStored(
  recording: ImportRecording,
  incoming: readonly Incoming[],
  eventRows: unknown[][],
  granted: Map<string, string[]> | null,
): Promise<Incoming[]> {
  const { session, workspaceId, outcomes } = recording;
  const missing: Incoming[] = [];
  for (let start = 0; start < incoming.length; start += 500) {
    const part = incoming.slice(start, start + 500);
    const stored = await readStoredContacts(
      session,
      workspaceId,
      part.map((p) => p.contact.phone),
    );
    const ids = [...stored.values()].map((s) => s.id);
    const chains = await readChainLinks(session, ids, recording.evidences);
    const originals = await outcomes.originalsOf(ids);
    const saves: number[] = [];
    const writes: unknown[][] = [];
    for (const one of part) {
      const before = stored.get(one.contact.phone);
      if (!before) {
        missing.push(one);
        continue;
      }
      const { appended, save, write } = mergeStored(
        recording,
        one,
        before,
        { chain: chains.get(before.id) ?? [], original: originals.get(before.id) },
        eventRows,
      );
      if (save !== null) saves.push(save);
      if (write) writes.push(write);
      granted?.set(one.contact.phone, grantDates(appended));
    }
    // The originals are copied from the rows before the rows are written. One call per part:
    // through Kysely, an UPDATE per contact allocated ~2.6 KB of promises and connection
    // bookkeeping (2.6 GB for 1M changed contacts).
    await outcomes.save(saves);
    await session.updateValues('contacts', updatedColumns, writes, { workspace_id: workspaceId });
  }
  return missing;
}

/** The workspace's own contacts with these numbers, by number. */
async function readStoredContacts(
  session: BulkSession,
  workspaceId: string,
  phones: readonly string[],
): Promise<Map<string, StoredContact>> {
  const rows = await session.selectArrays(
    session.db
      .selectFrom('contacts')
      .select(['id', 'updated_at', ...contactValueKeys])
      .where('workspace_id', '=', workspaceId)
      .where('list_id', 'is', null)
      .where(session.anyOf('phone', phones)),
  );
  const stored = new Map<string, StoredContact>();
  for (const row of rows) {
    const contact = contactFromValues(row, 2);
    stored.set(contact.phone, {
      id: Number(row[0]),
      updatedAt: row[1] as string,
      values: contact,
    });
  }
  return stored;
}

/**
 * A stored number: merge the values, append the events not yet in its chain, counted by
 * `outcomes`; `write` is `updatedColumns`' values then its id, when that changed it.
 */
function mergeStored(
  recording: ImportRecording,
  incoming: Incoming,
  before: StoredContact,
  stored: { chain: readonly ChainLink[]; original: Original | undefined },
  eventRows: unknown[][],
): { appended: ConsentEventInput[]; save: number | null; write: unknown[] | null } {
  const { outcomes } = recording;
  const { id, values } = before;
  const merged = mergeContact(values, incoming.contact);
  const chain: ChainLink[] = [...stored.chain];
  const appended = recording.appendEvents(id, values.phone, chain, incoming, eventRows);
  const changed = !sameContact(values, merged) || appended.length > 0;
  const touch = {
    id,
    current: values,
    currentUpdatedAt: before.updatedAt,
    merged,
    appended: appended.length > 0,
  };
  const { updatedAt, save } = outcomes.touch(touch, stored.original);
  if (!changed) return { appended, save, write: null };
  const state = deriveConsentState(chain, merged.last_interaction_at);
  const write: unknown[] = new Array(updatedColumns.length + 1);
  let at = 0;
  for (const k of mergedKeys) write[at++] = merged[k];
  write[at++] = state.basis;
  write[at++] = state.status;
  write[at++] = state.validUntil;
  write[at++] = state.collectedAt;
  write[at++] = updatedAt;
  write[at] = id;
  return { appended, save, write };
}
