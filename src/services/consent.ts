import type { Kysely } from 'kysely';
import {
  type ConsentEvent,
  type ConsentEventInput,
  firstPartyEvent,
} from '../core/consent/consent-event.ts';
import {
  type ConsentState,
  deriveConsentState,
  stateOf,
} from '../core/consent/derive-consent-state.ts';
import { verifyConsentChain } from '../core/consent/verify-consent-chain.ts';
import { DomainError } from '../core/domain-error.ts';
import { parseNumber } from '../core/phone/parse-number.ts';
import { appendConsentEvent, listConsentEvents } from '../store/consent.ts';
import {
  findContactByPhone,
  insertContact,
  updateConsentCache,
  updateLastInteraction,
} from '../store/contacts.ts';
import type { Store } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import {
  findActiveSuppression,
  insertSuppression,
  liftSuppression,
  type Suppression,
} from '../store/suppressions.ts';
import { requireNumber } from './suppression.ts';

export interface RecordedConsent {
  readonly event: ConsentEvent & { id: number };
  readonly duplicate: boolean;
  readonly state: ConsentState;
  readonly liftedSuppression: boolean;
}

/**
 * Appends a consent event for a number (creating a bare contact when the number is new),
 * refreshes the contact's consent cache in the same transaction, and lifts an active
 * suppression when the event is a valid opt-in collected after it (OPT-01).
 */
export async function recordConsentEvent(
  store: Store,
  workspaceId: string,
  number: string,
  input: ConsentEventInput,
  context: { origin: string; now: Date },
): Promise<RecordedConsent> {
  return store.db
    .transaction()
    .execute((trx) => recordWithin(trx, workspaceId, number, input, context));
}

async function recordWithin(
  trx: Kysely<Database>,
  workspaceId: string,
  number: string,
  input: ConsentEventInput,
  context: { origin: string; now: Date },
): Promise<RecordedConsent> {
  const parsed = parseNumber(number.trim());
  if (!parsed.e164) {
    throw new DomainError('invalid_input', `'${number}' is not a valid phone number`);
  }
  const phone = parsed.e164;
  const contact =
    (await findContactByPhone(trx, workspaceId, phone)) ??
    (await insertContact(trx, workspaceId, bareContact(phone, parsed), context.now));
  const { event, duplicate } = await appendConsentEvent(
    trx,
    workspaceId,
    { id: contact.id, phone },
    input,
    context.origin,
    context.now,
  );
  const events = await listConsentEvents(trx, workspaceId, contact.id);
  const state = deriveConsentState(events, contact.last_interaction_at);
  await updateConsentCache(trx, workspaceId, contact.id, state, context.now);
  let liftedSuppression = false;
  const active = await findActiveSuppression(trx, workspaceId, phone);
  if (
    active &&
    !duplicate &&
    input.collectedAt > active.created_at &&
    stateOf(input, null).status === 'granted'
  ) {
    await liftSuppression(
      trx,
      workspaceId,
      phone,
      { note: `new opt-in recorded by ${context.origin}`, consentEventId: event.id },
      context.now,
    );
    liftedSuppression = true;
  }
  return { event, duplicate, state, liftedSuppression };
}

/**
 * A click or a reply from a workspace's own contact (never a delivery): its last interaction
 * moves forward and its consent cache follows in the same transaction. A prospect's consent
 * runs 3 years from the later of its collection and the last interaction (FR-CONS-07), and
 * campaigns, counts and `contacts show` read the cache; its new `updated_at` tells the
 * audience column cache to reload. An interaction older than the one stored changes nothing.
 */
export async function recordInteraction(
  store: Store,
  workspaceId: string,
  phone: string,
  at: Date,
  now: Date,
): Promise<void> {
  const iso = at.toISOString();
  await store.db.transaction().execute(async (trx) => {
    const contact = await findContactByPhone(trx, workspaceId, phone);
    if (!contact || (contact.last_interaction_at !== null && contact.last_interaction_at >= iso))
      return;
    await updateLastInteraction(trx, workspaceId, contact.id, iso);
    const events = await listConsentEvents(trx, workspaceId, contact.id);
    await updateConsentCache(trx, workspaceId, contact.id, deriveConsentState(events, iso), now);
  });
}

/** A STOP (or any opt-out): a withdrawal in the ledger and a suppression, together. */
export async function recordOptOut(
  store: Store,
  workspaceId: string,
  number: string,
  context: {
    origin: string;
    now: Date;
    reason?: 'stop' | 'spam_report' | 'manual';
    note?: string | null | undefined;
  },
): Promise<{ state: ConsentState; suppression: Suppression; added: boolean }> {
  const phone = requireNumber(number);
  const withdrawal = firstPartyEvent({ kind: 'withdrawn', collectedAt: context.now.toISOString() });
  return store.db.transaction().execute(async (trx) => {
    const recorded = await recordWithin(trx, workspaceId, phone, withdrawal, context);
    const suppressed = await insertSuppression(
      trx,
      workspaceId,
      { phone, reason: context.reason ?? 'stop', origin: context.origin, note: context.note },
      context.now,
    );
    return { state: recorded.state, ...suppressed };
  });
}

export interface ConsentProof {
  readonly phone: string;
  readonly state: ConsentState;
  readonly events: ConsentEvent[];
  readonly chainValid: boolean;
  readonly chainProblem?: { seq: number; reason: string };
}

/** Every event of a number with whether its hash chain verifies (FR-CONS-06). */
export async function proveConsent(
  store: Store,
  workspaceId: string,
  number: string,
): Promise<ConsentProof> {
  const phone = requireNumber(number);
  const contact = await findContactByPhone(store.db, workspaceId, phone);
  if (!contact)
    throw new DomainError('not_found', `no contact ${phone} in this workspace`, { phone });
  const rows = await listConsentEvents(store.db, workspaceId, contact.id);
  const events = rows.map(({ id: _id, contactId: _c, ...event }) => event);
  const check = verifyConsentChain(events);
  return {
    phone,
    state: deriveConsentState(events, contact.last_interaction_at),
    events,
    chainValid: check.valid,
    ...(check.valid ? {} : { chainProblem: { seq: check.seq, reason: check.reason } }),
  };
}

function bareContact(phone: string, parsed: ReturnType<typeof parseNumber>) {
  return {
    phone,
    country: parsed.country,
    territory: parsed.territories[0] ?? parsed.country,
    first_name: null,
    last_name: null,
    postal_code: null,
    commune_code: null,
    commune: null,
    department: null,
    region: null,
    region_name: null,
    birth_date: null,
    birth_year: null,
    gender: null,
    children: null,
    profession: null,
    income: null,
    housing: null,
    transport: null,
    interests: null,
    custom: null,
    source: 'first_party',
    last_interaction_at: null,
  };
}
