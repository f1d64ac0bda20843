import type { Kysely, Selectable } from 'kysely';
import type { ConsentEvent, ConsentEventInput } from '../core/consent/consent-event.ts';
import {
  fingerprintConsentEvent,
  genesisHash,
  hashConsentEvent,
} from '../core/consent/hash-consent-event.ts';
import type { ConsentEventsTable, Database } from './schema.ts';

/**
 * The consent ledger: append and read, nothing else. There is deliberately no update or
 * delete function; each contact's events form a sha256 chain (core/consent).
 */
export type ConsentEventRow = Selectable<ConsentEventsTable>;

const flag = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);
const bool = (n: number | null): boolean | null => (n === null ? null : n !== 0);

export function toConsentEvent(
  row: ConsentEventRow,
): ConsentEvent & { id: number; contactId: number } {
  return {
    id: Number(row.id),
    contactId: Number(row.contact_id),
    workspaceId: row.workspace_id,
    phone: row.phone,
    seq: row.seq,
    kind: row.kind,
    basis: row.basis as ConsentEvent['basis'],
    mechanism: row.mechanism as ConsentEvent['mechanism'],
    wording: row.wording,
    wordingVersion: row.wording_version,
    formUrl: row.form_url,
    ip: row.ip,
    userAgent: row.user_agent,
    collectedAt: row.collected_at,
    sourceType: row.source_type,
    partnerListUrl: row.partner_list_url,
    partnerListVersion: row.partner_list_version,
    partnerConsent: row.partner_consent !== 0,
    prechecked: row.prechecked !== 0,
    bundledWithTerms: row.bundled_with_terms !== 0,
    customerPurchase: bool(row.customer_purchase),
    objectionOffered: bool(row.objection_offered),
    origin: row.origin,
    recordedAt: row.recorded_at,
    fingerprint: row.fingerprint,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The chained event that follows `last` (null for a contact's first event). */
export function chainConsentEvent(
  workspaceId: string,
  phone: string,
  input: ConsentEventInput,
  last: { seq: number; hash: string } | null,
  origin: string,
  recordedAt: string,
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
    fingerprint: fingerprintConsentEvent(phone, input),
    prevHash: last?.hash ?? genesisHash,
  };
  const hash = hashConsentEvent(rest);
  return Object.assign(rest, { hash });
}

export function toConsentEventRow(contactId: number, e: ConsentEvent): Omit<ConsentEventRow, 'id'> {
  return {
    workspace_id: e.workspaceId,
    contact_id: contactId,
    phone: e.phone,
    seq: e.seq,
    kind: e.kind,
    basis: e.basis,
    mechanism: e.mechanism,
    wording: e.wording,
    wording_version: e.wordingVersion,
    form_url: e.formUrl,
    ip: e.ip,
    user_agent: e.userAgent,
    collected_at: e.collectedAt,
    source_type: e.sourceType,
    partner_list_url: e.partnerListUrl,
    partner_list_version: e.partnerListVersion,
    partner_consent: e.partnerConsent ? 1 : 0,
    prechecked: e.prechecked ? 1 : 0,
    bundled_with_terms: e.bundledWithTerms ? 1 : 0,
    customer_purchase: flag(e.customerPurchase),
    objection_offered: flag(e.objectionOffered),
    origin: e.origin,
    recorded_at: e.recordedAt,
    fingerprint: e.fingerprint,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
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
): Promise<{ event: ConsentEvent & { id: number }; duplicate: boolean }> {
  const fingerprint = fingerprintConsentEvent(contact.phone, input);
  const same = await db
    .selectFrom('consent_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contact.id)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  if (same) return { event: toConsentEvent(same), duplicate: true };
  const last = await db
    .selectFrom('consent_events')
    .select(['seq', 'hash'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contact.id)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const event = chainConsentEvent(
    workspaceId,
    contact.phone,
    input,
    last ?? null,
    origin,
    now.toISOString(),
  );
  const inserted = await db
    .insertInto('consent_events')
    .values(toConsentEventRow(contact.id, event))
    .returning('id')
    .executeTakeFirstOrThrow();
  return { event: { ...event, id: Number(inserted.id) }, duplicate: false };
}

/** A contact's events in chain order. */
export async function listConsentEvents(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: number,
) {
  const rows = await db
    .selectFrom('consent_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('seq')
    .execute();
  return rows.map(toConsentEvent);
}
