import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import type { ConsentEvidence } from '../core/consent/consent-evidence.ts';
import { deriveConsentState, stateOf } from '../core/consent/derive-consent-state.ts';
import { chainHash, fingerprinterFor, genesisHash } from '../core/consent/hash-consent-event.ts';
import { contactValueKeys, mergeContact, sameContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import {
  consentOf,
  contactOf,
  extra,
  type PreparedBatch,
  type PreparedRow,
  phoneOf,
  preparedContactColumns,
  readPreparedRows,
  statusAt,
  type ValidRow,
} from '../core/contact/prepared-rows.ts';
import {
  chainConsentEvent,
  createEvidenceIds,
  readConsentChains,
  type StoredConsentEvent,
  toConsentEventRow,
} from './consent.ts';
import type { BulkSession } from './db.ts';
import { IdSet } from './id-set.ts';
import { insertNewContacts } from './insert-new-contacts.ts';
import type { ConsentEventsTable, ContactsTable, Database } from './schema.ts';

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
const eventColumns = [
  'contact_id',
  'seq',
  'evidence_id',
  'collected_at',
  'ip',
  'user_agent',
  'origin',
  'recorded_at',
  'hash',
] as const satisfies ReadonlyArray<keyof Insertable<ConsentEventsTable>>;

/** A new contact's events, chained from the genesis hash, with their evidence ids. */
interface Incoming {
  contact: ContactValues;
  events: ConsentEventInput[];
  evidenceIds: number[];
}

/**
 * Writes validated import rows in batches inside the caller's bulk transaction: merges
 * duplicates (within the file and against the store), appends each new consent event to its
 * contact's chain (identical events are recorded once), refreshes the consent cache, and
 * lifts a suppression only for an opt-in collected after it. Workspace-scoped throughout.
 *
 * Fast path (a 1M-row file, issue 4's budget): a number new to the workspace is inserted
 * straight away (SQLite tells a conflict per row, so new numbers need no lookup first;
 * PostgreSQL looks the batch up and COPYs the new ones); its events are chained from the
 * genesis hash with fingerprints precomputed per shared evidence. Only numbers already stored
 * go through the read-merge-append path.
 */
export function createContactImporter(
  session: BulkSession,
  workspaceId: string,
  options: { origin: string; now: Date },
) {
  const db: Kysely<Database> = session.db;
  const seen = new IdSet();
  const nowIso = options.now.toISOString();
  const evidence = createEvidenceIds(db, workspaceId);
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
    const values: unknown[] = [workspaceId, null];
    for (const key of contactValueKeys) values.push(incoming.contact[key]);
    values.push(state.basis, state.status, state.validUntil, state.collectedAt, nowIso, nowIso);
    return values;
  }

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
   * in the batch and new to the workspace is stored from its prepared values as they are:
   * contact row, consent cache, and its event as the first of its chain. Numbers met twice in
   * the batch, or already stored, take the general path.
   */
  async function writePrepared(batch: PreparedBatch): Promise<void> {
    preparedEvidences.push(...batch.evidences);
    preparedEvidenceIds.push(...(await evidence.idsOf(batch.evidences)));
    const watch = await watchingSuppressions();
    const rows = readPreparedRows(batch);
    const timesSeen = new Map<string, number>();
    for (const row of rows) timesSeen.set(phoneOf(row), (timesSeen.get(phoneOf(row)) ?? 0) + 1);
    const single: PreparedRow[] = [];
    const repeated: Array<{ row: ImportRow; evidenceId: number }> = [];
    for (const row of rows) {
      if (timesSeen.get(phoneOf(row)) === 1) single.push(row);
      else repeated.push({ row: rowOf(row), evidenceId: evidenceIdOf(row) });
    }
    const ids = await insertNewContacts(
      session,
      workspaceId,
      contactColumns,
      single.map((row) => row.contact),
      single.map(phoneOf),
    );
    const eventRows: unknown[][] = [];
    const granted = new Map<string, string[]>();
    const stored: Incoming[] = [];
    single.forEach((row, i) => {
      const id = ids[i];
      if (id === null || id === undefined) {
        const { contact, consent } = rowOf(row);
        stored.push({ contact, events: [consent], evidenceIds: [evidenceIdOf(row)] });
        return;
      }
      seen.add(id);
      counts.imported += 1;
      counts.consentEvents += 1;
      const x = row.extras;
      eventRows.push([
        id,
        1,
        evidenceIdOf(row),
        x[extra.collectedAt],
        x[extra.ip],
        x[extra.userAgent],
        options.origin,
        nowIso,
        x[extra.firstHash],
      ]);
      if (watch && row.contact[statusAt] === 'granted') {
        granted.set(phoneOf(row), [x[extra.collectedAt] as string]);
      }
    });
    await mergeAllStored(stored, eventRows, watch ? granted : null);
    await writeIncoming(groupByPhone(repeated), eventRows, granted);
    await finishBatch(eventRows, granted);
  }

  const evidenceIdOf = (row: PreparedRow) =>
    preparedEvidenceIds[row.extras[extra.evidence] as number]!;
  const rowOf = (row: PreparedRow): ImportRow => ({
    line: row.extras[extra.line] as number,
    contact: contactOf(row),
    consent: consentOf(row, preparedEvidences),
  });

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
    const ids = await insertNewContacts(
      session,
      workspaceId,
      contactColumns,
      batch.map(contactValues),
      batch.map((b) => b.contact.phone),
    );
    const stored: Incoming[] = [];
    batch.forEach((incoming, i) => {
      const id = ids[i];
      if (id === null || id === undefined) {
        stored.push(incoming);
        return;
      }
      seen.add(id);
      counts.imported += 1;
      const phone = incoming.contact.phone;
      let last: { seq: number; hash: string } | null = null;
      const known = new Set<string>();
      incoming.events.forEach((input, k) => {
        const evidenceId = incoming.evidenceIds[k]!;
        const print = fingerprint(evidenceId, phone, input);
        if (known.has(print)) return;
        known.add(print);
        const seq = (last?.seq ?? 0) + 1;
        const hash = chainHash(
          last?.hash ?? genesisHash,
          print,
          workspaceId,
          phone,
          seq,
          options.origin,
          nowIso,
        );
        eventRows.push([
          id,
          seq,
          evidenceId,
          input.collectedAt,
          input.ip,
          input.userAgent,
          options.origin,
          nowIso,
          hash,
        ]);
        last = { seq, hash };
        counts.consentEvents += 1;
      });
      if (watch) granted.set(phone, grantDates(incoming.events));
    });
    await mergeAllStored(stored, eventRows, watch ? granted : null);
  }

  async function finishBatch(eventRows: unknown[][], granted: Map<string, string[]>) {
    await session.insertValues('consent_events', eventColumns, eventRows);
    written += eventRows.length;
    if (written >= nextRefresh) {
      await session.refreshStatistics(['contacts', 'consent_events']);
      nextRefresh = written * 4;
    }
    if (granted.size > 0) await settleSuppressions(granted);
  }

  /**
   * Stored numbers (each once in `stored`): their contacts and chains read in a few queries,
   * then merged one by one. `granted`, when suppressions are watched, gets their new opt-ins.
   */
  async function mergeAllStored(
    stored: readonly Incoming[],
    eventRows: unknown[][],
    granted: Map<string, string[]> | null,
  ): Promise<void> {
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
    incoming: Incoming,
    before: Selectable<ContactsTable>,
    storedChain: readonly StoredConsentEvent[],
    eventRows: unknown[][],
  ): Promise<ConsentEventInput[]> {
    const phone = incoming.contact.phone;
    const id = Number(before.id);
    const beforeValues = {} as ContactValues;
    for (const k of contactValueKeys)
      (beforeValues as unknown as Record<string, unknown>)[k] = before[k];
    const merged = mergeContact(beforeValues, incoming.contact);
    const chain: Array<ConsentEventInput & { seq: number; hash: string; fingerprint: string }> = [
      ...storedChain,
    ];
    const known = new Set(chain.map((e) => e.fingerprint));
    const appended: ConsentEventInput[] = [];
    incoming.events.forEach((input, k) => {
      const evidenceId = incoming.evidenceIds[k]!;
      const print = fingerprint(evidenceId, phone, input);
      if (known.has(print)) return;
      known.add(print);
      const last = chain[chain.length - 1] ?? null;
      const event = chainConsentEvent(
        workspaceId,
        phone,
        input,
        last,
        options.origin,
        nowIso,
        print,
      );
      chain.push(event);
      const row = toConsentEventRow(id, event, evidenceId);
      eventRows.push(eventColumns.map((c) => row[c]));
      appended.push(input);
    });
    counts.consentEvents += appended.length;
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

  /**
   * Imported numbers under an active suppression stay suppressed (counted), unless one of the
   * opt-ins this import recorded was collected after it (OPT-01): then it is lifted, pointing
   * to the contact's latest event.
   */
  async function settleSuppressions(granted: Map<string, string[]>): Promise<void> {
    if (granted.size === 0) return;
    const suppressions = await db
      .selectFrom('suppressions')
      .select(['id', 'phone', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('lifted_at', 'is', null)
      .where('phone', 'in', [...granted.keys()])
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
          lifted_at: nowIso,
          lifted_note: `new opt-in recorded by ${options.origin}`,
          lifted_by_consent_event_id: event ? Number(event.id) : null,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', Number(suppression.id))
        .execute();
      counts.liftedSuppressions += 1;
    }
  }

  return { writeBatch, writePrepared, counts };
}

/** When the opt-ins among these events were collected (what may lift a suppression). */
function grantDates(events: readonly ConsentEventInput[]): string[] {
  return events.filter((e) => stateOf(e, null).status === 'granted').map((e) => e.collectedAt);
}
