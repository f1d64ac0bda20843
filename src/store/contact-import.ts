import type { Insertable, Kysely } from 'kysely';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import type { ConsentEvidence } from '../core/consent/consent-evidence.ts';
import { deriveConsentState } from '../core/consent/derive-consent-state.ts';
import { fingerprinterFor } from '../core/consent/hash-consent-event.ts';
import { contactValueKeys, mergeContact } from '../core/contact/merge-contact.ts';
import {
  collectedAtOf,
  consentOf,
  contactOf,
  extra,
  type PreparedBatch,
  type PreparedRow,
  phoneOf,
  preparedContactColumns,
  preparedRowChunks,
  statusAt,
  type ValidRow,
} from '../core/contact/prepared-rows.ts';
import { type ChainLink, createEvidenceCache } from './chain-links.ts';
import { chainConsentEvent, createEvidenceIds, toConsentEventRow } from './consent.ts';
import type { BulkSession } from './db.ts';
import { createImportOutcomes } from './import-outcomes.ts';
import { type ImportRecording, type Incoming, mergeAllStored } from './merge-stored-contacts.ts';
import type { ConsentEventsTable, Database } from './schema.ts';
import { grantDates, settleImportSuppressions } from './settle-import-suppressions.ts';

export type ImportRow = ValidRow;

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  consentEvents: number;
  suppressed: number;
  liftedSuppressions: number;
}

const contactColumns = preparedContactColumns;
/** An event's own columns; its origin and recording time are the import's (`eventConstants`). */
const eventColumns = [
  'contact_id',
  'seq',
  'evidence_id',
  'collected_at',
  'ip',
  'user_agent',
  'hash',
] as const satisfies ReadonlyArray<keyof Insertable<ConsentEventsTable>>;

/**
 * Writes validated import rows in batches inside the caller's bulk transaction: merges
 * duplicates (within the file and against the store), appends each new consent event to its
 * contact's chain (identical events are recorded once), refreshes the consent cache, and
 * lifts a suppression only for an opt-in collected after it. Workspace-scoped throughout.
 *
 * Fast path (a 1M-row file, issue 4's budget): a number new to the workspace is inserted
 * straight away, the unique index telling which are stored already (`insertNewValues`: no
 * lookup first on either engine); its events are chained from the genesis hash with
 * fingerprints precomputed per shared evidence. Only numbers already stored
 * go through the read-merge-append path; once most of a chunk's numbers are stored (a file
 * imported again), the next chunks look their numbers up first instead of trying to insert
 * each one (a refused insert costs more than the lookup that finds the contact anyway).
 */
export function createContactImporter(
  session: BulkSession,
  workspaceId: string,
  options: { origin: string; now: Date },
) {
  const db: Kysely<Database> = session.db;
  const nowIso = options.now.toISOString();
  // What every contact and event row of this import shares, given once to each insert.
  const contactConstants = {
    workspace_id: workspaceId,
    list_id: null,
    created_at: nowIso,
    updated_at: nowIso,
  };
  const eventConstants = { origin: options.origin, recorded_at: nowIso };
  const evidence = createEvidenceIds(db, workspaceId);
  const evidences = createEvidenceCache(session);
  const fingerprinters = new Map<number, ReturnType<typeof fingerprinterFor>>();
  const counts: ImportCounts = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    consentEvents: 0,
    suppressed: 0,
    liftedSuppressions: 0,
  };
  const outcomes = createImportOutcomes(session, workspaceId, counts, nowIso);
  /** Whether the workspace has any active suppression (else no batch needs to look). */
  let anySuppression: Promise<boolean> | null = null;

  let written = 0;
  let nextRefresh = 2000;

  function fingerprint(evidenceId: number, phone: string, input: ConsentEventInput): string {
    let print = fingerprinters.get(evidenceId);
    if (!print) {
      print = fingerprinterFor(input);
      fingerprinters.set(evidenceId, print);
    }
    return print(phone, input);
  }

  /** A new contact's values in `contactColumns` order, with its consent cache. */
  function contactValues(incoming: Incoming): unknown[] {
    const state = deriveConsentState(incoming.events, incoming.contact.last_interaction_at);
    const values: unknown[] = contactValueKeys.map((key) => incoming.contact[key]);
    values.push(state.basis, state.status, state.validUntil, state.collectedAt);
    return values;
  }

  /** Per row, the new contact's id, or null where its number is stored already. */
  const insertNewContacts = (values: readonly unknown[][]) =>
    session.insertNewValues('contacts', contactColumns, values, contactConstants);

  /** Whether the workspace has an active suppression: if not, no batch needs to look. */
  function watchingSuppressions(): Promise<boolean> {
    anySuppression ??= db
      .selectFrom('suppressions')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('lifted_at', 'is', null)
      .limit(1)
      .executeTakeFirst()
      .then((row) => row !== undefined);
    return anySuppression;
  }

  /** Rows given as objects (a purchase's contacts with their whole ledgers). */
  async function writeBatch(rows: readonly ImportRow[]): Promise<void> {
    const evidenceIds = await evidence.idsOf(rows.map((r) => r.consent));
    await evidences.load(evidenceIds);
    const eventRows: unknown[][] = [];
    const granted = new Map<string, string[]>();
    await writeIncoming(
      groupByPhone(rows.map((row, i) => ({ row, evidenceId: evidenceIds[i]! }))),
      eventRows,
      granted,
    );
    await finishBatch(eventRows, granted);
  }

  /** Database ids of the evidences a prepared import has seen so far, by its index. */
  const preparedEvidenceIds: number[] = [];
  const preparedEvidences: ConsentEvidence[] = [];

  /**
   * Rows prepared where the file was read (core/contact/prepared-rows.ts). A number met once
   * in the batch (the reader tells) and new to the workspace is stored from its prepared
   * values as they are: contact row, consent cache, and its event as the first of its chain.
   * Numbers met twice in the batch, or already stored (by an earlier batch or chunk too), take
   * the general path.
   */
  async function writePrepared(batch: PreparedBatch): Promise<void> {
    preparedEvidences.push(...batch.evidences);
    const ids = await evidence.idsOf(batch.evidences);
    preparedEvidenceIds.push(...ids);
    for (const [i, id] of ids.entries()) evidences.remember(id, batch.evidences[i]!);
    // By chunks (`session.chunkRows`): on SQLite, a chunk's rows are garbage by the next
    // young-generation collection, where a whole batch's (2000 rows, ~8 MB) lived through two
    // of them into the old generation.
    const inBatchTwice = new Uint8Array(batch.count);
    for (const position of batch.repeated) inBatchTwice[position] = 1;
    let first = 0;
    for (const rows of preparedRowChunks(batch, session.chunkRows)) {
      await writePreparedRows(rows, inBatchTwice.subarray(first, first + rows.length));
      first += rows.length;
    }
  }

  /** Whether most numbers of the last chunk were stored: the next one looks its own up first. */
  let mostlyStored = false;

  /** A chunk of prepared rows; `twice[i]` tells whether row i's number is on another row. */
  async function writePreparedRows(rows: readonly PreparedRow[], twice: Uint8Array) {
    const watch = await watchingSuppressions();
    const single: PreparedRow[] = [];
    const repeated: Array<{ row: ImportRow; evidenceId: number }> = [];
    rows.forEach((row, i) => {
      if (twice[i] === 0) single.push(row);
      else repeated.push({ row: rowOf(row), evidenceId: evidenceIdOf(row) });
    });
    const eventRows: unknown[][] = [];
    const granted = new Map<string, string[]>();
    let fresh = single;
    if (mostlyStored) {
      const missing = await mergeAllStored(
        recording,
        single.map(incomingOf),
        eventRows,
        watch ? granted : null,
      );
      const notStored = new Set(missing.map((m) => m.contact.phone));
      fresh = single.filter((row) => notStored.has(phoneOf(row)));
    }
    const ids = await insertNewContacts(fresh.map((row) => row.contact));
    const stored: Incoming[] = [];
    fresh.forEach((row, i) => {
      const id = ids[i];
      if (id === null || id === undefined) {
        stored.push(incomingOf(row));
        return;
      }
      outcomes.created.add(id);
      counts.imported += 1;
      counts.consentEvents += 1;
      const x = row.extras;
      eventRows.push([
        id,
        1,
        evidenceIdOf(row),
        collectedAtOf(row),
        x[extra.ip],
        x[extra.userAgent],
        x[extra.firstHash],
      ]);
      if (watch && row.contact[statusAt] === 'granted') {
        granted.set(phoneOf(row), [collectedAtOf(row)]);
      }
    });
    await mergeConflicts(stored, eventRows, watch ? granted : null);
    mostlyStored = (single.length - fresh.length + stored.length) * 2 > single.length;
    await writeIncoming(groupByPhone(repeated), eventRows, granted);
    await finishBatch(eventRows, granted);
  }

  /** Numbers an insert found stored (a conflict): merged into what is stored. */
  async function mergeConflicts(
    stored: readonly Incoming[],
    eventRows: unknown[][],
    granted: Map<string, string[]> | null,
  ): Promise<void> {
    const missing = await mergeAllStored(recording, stored, eventRows, granted);
    if (missing.length > 0)
      throw new Error(`stored contact ${missing[0]!.contact.phone} not found`);
  }

  const evidenceIdOf = (row: PreparedRow) =>
    preparedEvidenceIds[row.extras[extra.evidence] as number]!;
  const rowOf = (row: PreparedRow): ImportRow => ({
    line: row.extras[extra.line] as number,
    contact: contactOf(row),
    consent: consentOf(row, preparedEvidences),
  });
  const incomingOf = (row: PreparedRow): Incoming => {
    const { contact, consent } = rowOf(row);
    return { contact, events: [consent], evidenceIds: [evidenceIdOf(row)] };
  };

  /** Rows about the same number merged into one contact with all their events, in order. */
  function groupByPhone(rows: ReadonlyArray<{ row: ImportRow; evidenceId: number }>): Incoming[] {
    const byPhone = new Map<string, Incoming>();
    for (const { row, evidenceId } of rows) {
      const same = byPhone.get(row.contact.phone);
      if (same) {
        counts.duplicates += 1;
        same.contact = mergeContact(same.contact, row.contact);
        same.events.push(row.consent);
        same.evidenceIds.push(evidenceId);
      } else {
        byPhone.set(row.contact.phone, {
          contact: row.contact,
          events: [row.consent],
          evidenceIds: [evidenceId],
        });
      }
    }
    return [...byPhone.values()];
  }

  /** New numbers inserted with their chained events; stored ones merged. */
  async function writeIncoming(
    batch: Incoming[],
    eventRows: unknown[][],
    granted: Map<string, string[]>,
  ): Promise<void> {
    if (batch.length === 0) return;
    const watch = await watchingSuppressions();
    const ids = await insertNewContacts(batch.map(contactValues));
    const stored: Incoming[] = [];
    batch.forEach((incoming, i) => {
      const id = ids[i];
      if (id === null || id === undefined) {
        stored.push(incoming);
        return;
      }
      outcomes.created.add(id);
      counts.imported += 1;
      const phone = incoming.contact.phone;
      appendEvents(id, phone, [], incoming, eventRows);
      if (watch) granted.set(phone, grantDates(incoming.events));
    });
    await mergeConflicts(stored, eventRows, watch ? granted : null);
  }

  /**
   * Appends to `chain` (and to `eventRows`) the incoming events it does not hold yet, each
   * chained to the one before; returns them. Identical events are recorded once.
   */
  function appendEvents(
    id: number,
    phone: string,
    chain: ChainLink[],
    incoming: Incoming,
    eventRows: unknown[][],
  ): ConsentEventInput[] {
    const appended: ConsentEventInput[] = [];
    incoming.events.forEach((input, k) => {
      const evidenceId = incoming.evidenceIds[k]!;
      const key = evidences.keyOf(evidenceId, input);
      // Chains are short: a scan, not a Set per contact (an import changing 1M contacts).
      if (chain.some((e) => e.key === key)) return;
      const last = chain[chain.length - 1] ?? null;
      const event = chainConsentEvent(
        workspaceId,
        phone,
        input,
        last,
        options.origin,
        nowIso,
        fingerprint(evidenceId, phone, input),
      );
      chain.push(Object.assign(event, { key }));
      const row = toConsentEventRow(id, event, evidenceId);
      eventRows.push(eventColumns.map((c) => row[c]));
      appended.push(input);
    });
    counts.consentEvents += appended.length;
    return appended;
  }

  const recording: ImportRecording = {
    session,
    workspaceId,
    outcomes,
    evidences,
    appendEvents,
  };

  async function finishBatch(eventRows: unknown[][], granted: Map<string, string[]>) {
    await session.insertValues('consent_events', eventColumns, eventRows, eventConstants);
    written += eventRows.length;
    if (written >= nextRefresh) {
      await session.refreshStatistics({
        contacts: ['id', 'workspace_id', 'list_id', 'phone'],
        consent_events: ['id', 'contact_id'],
      });
      nextRefresh = written * 4;
    }
    if (granted.size > 0)
      await settleImportSuppressions(
        session,
        workspaceId,
        { origin: options.origin, nowIso },
        granted,
        counts,
      );
  }

  return { writeBatch, writePrepared, counts };
}
