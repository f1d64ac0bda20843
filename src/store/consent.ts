import type { Insertable, Kysely } from 'kysely';
import type { ConsentEvent, ConsentEventInput } from '../core/consent/consent-event.ts';
import { type ConsentEvidence, eventOf, evidenceKey } from '../core/consent/consent-evidence.ts';
import {
  fingerprintConsentEvent,
  fingerprinterFor,
  genesisHash,
  hashConsentEvent,
} from '../core/consent/hash-consent-event.ts';
import type { ConsentEventsTable, Database } from './schema.ts';

/**
 * The consent ledger: append and read, nothing else. There is deliberately no update or
 * delete function; each contact's events form a sha256 chain (core/consent).
 */
export type StoredConsentEvent = ConsentEvent & { id: number; contactId: number };

export type { ConsentEvidence };

const flag = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);
const bool = (n: number | null): boolean | null => (n === null ? null : n !== 0);

function evidenceRow(workspaceId: string, e: ConsentEvidence) {
  return {
    workspace_id: workspaceId,
    kind: e.kind,
    basis: e.basis,
    mechanism: e.mechanism,
    wording: e.wording,
    wording_version: e.wordingVersion,
    form_url: e.formUrl,
    source_type: e.sourceType,
    partner_list_url: e.partnerListUrl,
    partner_list_version: e.partnerListVersion,
    partner_consent: e.partnerConsent ? 1 : 0,
    prechecked: e.prechecked ? 1 : 0,
    bundled_with_terms: e.bundledWithTerms ? 1 : 0,
    customer_purchase: flag(e.customerPurchase),
    objection_offered: flag(e.objectionOffered),
  };
}

/**
 * The ids of the evidence rows of a workspace, found or created once per distinct evidence and
 * remembered for the rest of the transaction (an import's rows share a handful).
 */
export function createEvidenceIds(db: Kysely<Database>, workspaceId: string) {
  const known = new Map<string, number>();
  async function find(e: ConsentEvidence): Promise<number> {
    const row = evidenceRow(workspaceId, e);
    let query = db.selectFrom('consent_evidence').select('id');
    for (const [column, value] of Object.entries(row)) {
      const c = column as keyof typeof row;
      query = value === null ? query.where(c, 'is', null) : query.where(c, '=', value);
    }
    const found = await query.orderBy('id').limit(1).executeTakeFirst();
    if (found) return Number(found.id);
    const inserted = await db
      .insertInto('consent_evidence')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  }
  return {
    /** The evidence id of each input, in order. */
    async idsOf(inputs: readonly ConsentEvidence[]): Promise<number[]> {
      const ids: number[] = [];
      for (const input of inputs) {
        const key = evidenceKey(input);
        let id = known.get(key);
        if (id === undefined) {
          id = await find(input);
          known.set(key, id);
        }
        ids.push(id);
      }
      return ids;
    },
  };
}

/** The row of one chained event, pointing to its evidence. */
export function toConsentEventRow(
  contactId: number,
  e: ConsentEvent,
  evidenceId: number,
): Insertable<ConsentEventsTable> {
  return {
    contact_id: contactId,
    seq: e.seq,
    evidence_id: evidenceId,
    collected_at: e.collectedAt,
    ip: e.ip,
    user_agent: e.userAgent,
    origin: e.origin,
    recorded_at: e.recordedAt,
    hash: e.hash,
  };
}

/**
 * The chains of some contacts of a workspace, each in seq order, rebuilt from the events,
 * their evidence and the contact: the fingerprint is recomputed from what is stored and the
 * previous hash is the previous event's, so an edited, removed or reordered row shows when
 * the chain is verified.
 */
export async function readConsentChains(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: readonly number[],
): Promise<Map<number, StoredConsentEvent[]>> {
  const chains = new Map<number, StoredConsentEvent[]>();
  if (contactIds.length === 0) return chains;
  const rows = await db
    .selectFrom('consent_events as e')
    .innerJoin('contacts as c', 'c.id', 'e.contact_id')
    .select([
      'e.id',
      'e.contact_id',
      'e.seq',
      'e.evidence_id',
      'e.collected_at',
      'e.ip',
      'e.user_agent',
      'e.origin',
      'e.recorded_at',
      'e.hash',
      'c.phone',
      'c.workspace_id',
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('e.contact_id', 'in', contactIds)
    .orderBy('e.contact_id')
    .orderBy('e.seq')
    .execute();
  // The evidences are few (an import's rows share one): read once each, fingerprinted by
  // `fingerprinterFor` (the same fingerprint as fingerprintConsentEvent, tested).
  const evidences = await readEvidences(db, [...new Set(rows.map((r) => Number(r.evidence_id)))]);
  for (const row of rows) {
    const contactId = Number(row.contact_id);
    let chain = chains.get(contactId);
    if (!chain) {
      chain = [];
      chains.set(contactId, chain);
    }
    const evidence = evidences.get(Number(row.evidence_id));
    if (!evidence) throw new Error(`consent event ${row.id}: evidence ${row.evidence_id} missing`);
    const own = { collectedAt: row.collected_at, ip: row.ip, userAgent: row.user_agent };
    const event = eventOf(evidence.fields, own);
    chain.push(
      Object.assign(event, {
        id: Number(row.id),
        contactId,
        workspaceId: row.workspace_id,
        phone: row.phone,
        seq: row.seq,
        origin: row.origin,
        recordedAt: row.recorded_at,
        fingerprint: evidence.print(row.phone, own),
        prevHash: chain[chain.length - 1]?.hash ?? genesisHash,
        hash: row.hash,
      }),
    );
  }
  return chains;
}

/** Evidence rows by id, with the fingerprinter of their events. */
export async function readEvidences(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, { fields: ConsentEvidence; print: ReturnType<typeof fingerprinterFor> }>> {
  const found = new Map<
    number,
    { fields: ConsentEvidence; print: ReturnType<typeof fingerprinterFor> }
  >();
  if (ids.length === 0) return found;
  const rows = await db.selectFrom('consent_evidence').selectAll().where('id', 'in', ids).execute();
  for (const v of rows) {
    const fields: ConsentEvidence = {
      kind: v.kind as ConsentEvidence['kind'],
      basis: v.basis as ConsentEvidence['basis'],
      mechanism: v.mechanism as ConsentEvidence['mechanism'],
      wording: v.wording,
      wordingVersion: v.wording_version,
      formUrl: v.form_url,
      sourceType: v.source_type as ConsentEvidence['sourceType'],
      partnerListUrl: v.partner_list_url,
      partnerListVersion: v.partner_list_version,
      partnerConsent: v.partner_consent !== 0,
      prechecked: v.prechecked !== 0,
      bundledWithTerms: v.bundled_with_terms !== 0,
      customerPurchase: bool(v.customer_purchase),
      objectionOffered: bool(v.objection_offered),
    };
    found.set(Number(v.id), { fields, print: fingerprinterFor(fields) });
  }
  return found;
}

/** The chained event that follows `last` (null for a contact's first event). */
export function chainConsentEvent(
  workspaceId: string,
  phone: string,
  input: ConsentEventInput,
  last: { seq: number; hash: string } | null,
  origin: string,
  recordedAt: string,
  fingerprint = fingerprintConsentEvent(phone, input),
): ConsentEvent {
  const rest = {
    kind: input.kind,
    basis: input.basis,
    mechanism: input.mechanism,
    wording: input.wording,
    wordingVersion: input.wordingVersion,
    formUrl: input.formUrl,
    ip: input.ip,
    userAgent: input.userAgent,
    collectedAt: input.collectedAt,
    sourceType: input.sourceType,
    partnerListUrl: input.partnerListUrl,
    partnerListVersion: input.partnerListVersion,
    partnerConsent: input.partnerConsent,
    prechecked: input.prechecked,
    bundledWithTerms: input.bundledWithTerms,
    customerPurchase: input.customerPurchase,
    objectionOffered: input.objectionOffered,
    workspaceId,
    phone,
    seq: (last?.seq ?? 0) + 1,
    origin,
    recordedAt,
    fingerprint,
    prevHash: last?.hash ?? genesisHash,
  };
  const hash = hashConsentEvent(rest);
  return Object.assign(rest, { hash });
}

/**
 * Appends one event to a contact's chain, unless the very same event (same fingerprint) is
 * already there. Run it inside the transaction that also refreshes the contact's cache.
 */
export async function appendConsentEvent(
  db: Kysely<Database>,
  workspaceId: string,
  contact: { id: number; phone: string },
  input: ConsentEventInput,
  origin: string,
  now: Date,
): Promise<{ event: StoredConsentEvent; duplicate: boolean }> {
  const chain = await listConsentEvents(db, workspaceId, contact.id);
  const fingerprint = fingerprintConsentEvent(contact.phone, input);
  const same = chain.find((e) => e.fingerprint === fingerprint);
  if (same) return { event: same, duplicate: true };
  const event = chainConsentEvent(
    workspaceId,
    contact.phone,
    input,
    chain[chain.length - 1] ?? null,
    origin,
    now.toISOString(),
  );
  const [evidenceId] = await createEvidenceIds(db, workspaceId).idsOf([input]);
  const inserted = await db
    .insertInto('consent_events')
    .values(toConsentEventRow(contact.id, event, evidenceId!))
    .returning('id')
    .executeTakeFirstOrThrow();
  return { event: { ...event, id: Number(inserted.id), contactId: contact.id }, duplicate: false };
}

/** A contact's events in chain order. */
export async function listConsentEvents(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: number,
): Promise<StoredConsentEvent[]> {
  return (await readConsentChains(db, workspaceId, [contactId])).get(contactId) ?? [];
}
