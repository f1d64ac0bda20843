import type { Insertable, Kysely } from 'kysely';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { deriveConsentState, stateOf } from '../core/consent/derive-consent-state.ts';
import { chainHash, fingerprinterFor, genesisHash } from '../core/consent/hash-consent-event.ts';
import { contactValueKeys, mergeContact, sameContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import {
  chainConsentEvent,
  createEvidenceIds,
  readConsentChains,
  toConsentEventRow,
} from './consent.ts';
import type { BulkSession } from './db.ts';
import type { ConsentEventsTable, Database } from './schema.ts';

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

const contactColumns = [
  'workspace_id',
  'list_id',
  ...contactValueKeys,
  'consent_basis',
  'consent_status',
  'consent_valid_until',
  'consent_collected_at',
  'created_at',
  'updated_at',
] as const;
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

  async function writeBatch(rows: readonly ImportRow[]): Promise<void> {
    anySuppression ??= db
      .selectFrom('suppressions')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('lifted_at', 'is', null)
      .limit(1)
      .executeTakeFirst()
      .then((row) => row !== undefined);
    const watchSuppressions = await anySuppression;
    const evidenceIds = await evidence.idsOf(rows.map((r) => r.consent));
    const byPhone = new Map<string, Incoming>();
    rows.forEach((row, i) => {
      const same = byPhone.get(row.contact.phone);
      if (same) {
        counts.duplicates += 1;
        same.contact = mergeContact(same.contact, row.contact);
        same.events.push(row.consent);
        same.evidenceIds.push(evidenceIds[i]!);
      } else {
        byPhone.set(row.contact.phone, {
          contact: row.contact,
          events: [row.consent],
          evidenceIds: [evidenceIds[i]!],
        });
      }
    });

    const fresh: Array<{ id: number; incoming: Incoming }> = [];
    const stored: Incoming[] = [];
    const batch = [...byPhone.values()];
    const tried = await session.insertNewValues(
      'contacts',
      contactColumns,
      batch.map(contactValues),
    );
    if (tried) {
      tried.forEach((id, i) => {
        if (id === null) stored.push(batch[i]!);
        else fresh.push({ id, incoming: batch[i]! });
      });
    } else {
      const existing = new Set(
        (
          await db
            .selectFrom('contacts')
            .select('phone')
            .where('workspace_id', '=', workspaceId)
            .where('list_id', 'is', null)
            .where('phone', 'in', [...byPhone.keys()])
            .execute()
        ).map((c) => c.phone),
      );
      const news = batch.filter((b) => !existing.has(b.contact.phone));
      for (const b of batch) if (existing.has(b.contact.phone)) stored.push(b);
      await session.insertValues('contacts', contactColumns, news.map(contactValues));
      const ids =
        news.length === 0
          ? []
          : await db
              .selectFrom('contacts')
              .select(['id', 'phone'])
              .where('workspace_id', '=', workspaceId)
              .where('list_id', 'is', null)
              .where(
                'phone',
                'in',
                news.map((n) => n.contact.phone),
              )
              .execute();
      const idOf = new Map(ids.map((r) => [r.phone, Number(r.id)]));
      for (const n of news) fresh.push({ id: idOf.get(n.contact.phone)!, incoming: n });
    }

    const eventRows: unknown[][] = [];
    const granted = new Map<string, string[]>();
    for (const { id, incoming } of fresh) {
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
      if (watchSuppressions) granted.set(phone, grantDates(incoming.events));
    }
    for (const incoming of stored) {
      const appended = await mergeStored(incoming, eventRows);
      if (watchSuppressions) granted.set(incoming.contact.phone, grantDates(appended));
    }
    await session.insertValues('consent_events', eventColumns, eventRows);
    written += fresh.length;
    if (written >= nextRefresh) {
      await session.refreshStatistics(['contacts', 'consent_events']);
      nextRefresh = written * 4;
    }
    if (watchSuppressions) await settleSuppressions(granted);
  }

  /** A stored number: merge the values, append the events not yet in its chain. */
  async function mergeStored(
    incoming: Incoming,
    eventRows: unknown[][],
  ): Promise<ConsentEventInput[]> {
    const phone = incoming.contact.phone;
    const before = await db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('list_id', 'is', null)
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    const id = Number(before.id);
    const beforeValues = Object.fromEntries(
      contactValueKeys.map((k) => [k, before[k]]),
    ) as unknown as ContactValues;
    const merged = mergeContact(beforeValues, incoming.contact);
    const chain: Array<ConsentEventInput & { seq: number; hash: string; fingerprint: string }> = [
      ...((await readConsentChains(db, workspaceId, [id])).get(id) ?? []),
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

  return { writeBatch, counts };
}

/** When the opt-ins among these events were collected (what may lift a suppression). */
function grantDates(events: readonly ConsentEventInput[]): string[] {
  return events.filter((e) => stateOf(e, null).status === 'granted').map((e) => e.collectedAt);
}
