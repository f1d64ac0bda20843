import { type Kysely, type Selectable, sql } from 'kysely';
import type { AudienceNode } from '../core/audience/audience-node.ts';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { deriveConsentState } from '../core/consent/derive-consent-state.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import { compileAudienceFilter } from './audience-query.ts';
import type { Capabilities } from './capabilities.ts';
import {
  chainConsentEvent,
  createEvidenceIds,
  readConsentChains,
  type StoredConsentEvent,
  toConsentEventRow,
} from './consent.ts';
import type { ListsTable } from './market-tables.ts';
import { marketTables } from './market-tables.ts';
import type { Database } from './schema.ts';

export type ListRow = Selectable<ListsTable>;

/** A list as the services read it: JSON columns parsed, with its provider's names. */
export interface List {
  readonly id: string;
  readonly workspaceId: string;
  readonly providerName: string;
  readonly providerLegalName: string | null;
  readonly name: string;
  readonly description: string | null;
  readonly version: number;
  readonly rentalCpmCents: number | null;
  readonly purchaseCpmCents: number | null;
  readonly minimumOrderCents: number;
  readonly seeds: readonly string[];
  readonly partners: readonly string[];
  readonly coverage: Readonly<Record<string, number>>;
  readonly contacts: number;
  readonly createdAt: string;
}

export interface ListContactInput {
  readonly contact: ContactValues;
  readonly events: readonly ConsentEventInput[];
}

function selectLists(db: Kysely<Database>) {
  return marketTables(db)
    .selectFrom('lists')
    .innerJoin('workspaces', 'workspaces.id', 'lists.workspace_id')
    .selectAll('lists')
    .select(['workspaces.name as provider_name', 'workspaces.legal_name as provider_legal_name']);
}

function toList(r: ListRow & { provider_name: string; provider_legal_name: string | null }): List {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    providerName: r.provider_name,
    providerLegalName: r.provider_legal_name,
    name: r.name,
    description: r.description,
    version: Number(r.version),
    rentalCpmCents: r.rental_cpm_cents === null ? null : Number(r.rental_cpm_cents),
    purchaseCpmCents: r.purchase_cpm_cents === null ? null : Number(r.purchase_cpm_cents),
    minimumOrderCents: Number(r.minimum_order_cents),
    seeds: JSON.parse(r.seeds),
    partners: JSON.parse(r.partners),
    coverage: JSON.parse(r.coverage),
    contacts: Number(r.contacts),
    createdAt: r.created_at,
  };
}

export async function findList(db: Kysely<Database>, listId: string): Promise<List | undefined> {
  const row = await selectLists(db).where('lists.id', '=', listId).executeTakeFirst();
  return row && toList(row);
}

/** Every published list, or one provider's, oldest first. */
export async function listLists(
  db: Kysely<Database>,
  providerWorkspaceId?: string,
): Promise<List[]> {
  let query = selectLists(db);
  if (providerWorkspaceId) query = query.where('lists.workspace_id', '=', providerWorkspaceId);
  const rows = await query.orderBy('lists.created_at').orderBy('lists.id').execute();
  return rows.map(toList);
}

/** Every seed number of every list: a handful per list, small enough to hold in memory. */
export async function listAllSeeds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await marketTables(db).selectFrom('lists').select('seeds').execute();
  return new Set(rows.flatMap((r) => JSON.parse(r.seeds) as string[]));
}

/** Lists whose seeds include a number (seeds are few: read and filter in memory). */
export async function findListsSeeding(db: Kysely<Database>, phone: string): Promise<List[]> {
  const rows = await selectLists(db).where('lists.seeds', 'like', `%"${phone}"%`).execute();
  return rows.map(toList).filter((l) => l.seeds.includes(phone));
}

/** Inserts a list (its contacts follow in batches through insertListContacts). */
export async function insertListRow(db: Kysely<Database>, list: ListRow): Promise<void> {
  await marketTables(db).insertInto('lists').values(list).execute();
}

/**
 * Inserts a batch of a list's contacts, each with its chained consent events, in the caller's
 * transaction: rows of the provider's workspace with `list_id` set. A number must not already
 * be in the list (the caller merges duplicates first).
 */
export async function insertListContacts(
  db: Kysely<Database>,
  list: Pick<ListRow, 'id' | 'workspace_id' | 'created_at'>,
  contacts: readonly ListContactInput[],
  options: { origin: string; maxParameters: number },
): Promise<void> {
  const now = list.created_at;
  const toRow = (c: ListContactInput) => {
    const state = deriveConsentState(c.events, c.contact.last_interaction_at);
    return {
      workspace_id: list.workspace_id,
      list_id: list.id,
      ...c.contact,
      consent_basis: state.basis,
      consent_status: state.status,
      consent_valid_until: state.validUntil,
      consent_collected_at: state.collectedAt,
      created_at: now,
      updated_at: now,
    };
  };
  if (contacts.length === 0) return;
  const evidence = createEvidenceIds(db, list.workspace_id);
  const per = Math.max(
    1,
    Math.floor(options.maxParameters / Object.keys(toRow(contacts[0]!)).length),
  );
  for (let i = 0; i < contacts.length; i += per) {
    const chunk = contacts.slice(i, i + per).map(toRow);
    const ids = await db.insertInto('contacts').values(chunk).returning(['id', 'phone']).execute();
    const idOf = new Map(ids.map((r) => [r.phone, Number(r.id)]));
    const events: ReturnType<typeof toConsentEventRow>[] = [];
    for (const c of contacts.slice(i, i + per)) {
      let last: { seq: number; hash: string } | null = null;
      const evidenceIds = await evidence.idsOf(c.events);
      c.events.forEach((input, k) => {
        const e = chainConsentEvent(
          list.workspace_id,
          c.contact.phone,
          input,
          last,
          options.origin,
          now,
        );
        events.push(toConsentEventRow(idOf.get(c.contact.phone)!, e, evidenceIds[k]!));
        last = e;
      });
    }
    const perEvent = Math.max(1, Math.floor(options.maxParameters / 9));
    for (let j = 0; j < events.length; j += perEvent) {
      await db
        .insertInto('consent_events')
        .values(events.slice(j, j + perEvent))
        .execute();
    }
  }
}

export interface SelectionScope {
  readonly db: Kysely<Database>;
  readonly caps: Capabilities;
  readonly list: Pick<List, 'id' | 'workspaceId'>;
  readonly filter: AudienceNode;
  /** Reference instant, ISO (ages, consent validity). */
  readonly at: string;
}

/**
 * The reachable contacts of a list that a filter selects, in id pages: a valid number, no
 * active suppression in the provider's workspace (the provider's feed, LIST-04), consent
 * granted and valid at `at` — the 'reachable' class of the audience counts.
 */
export async function* iterateListSelection(
  scope: SelectionScope,
  pageSize = 10_000,
): AsyncGenerator<Array<{ id: number; phone: string }>> {
  const filter = compileAudienceFilter(scope.filter, scope.at, scope.caps);
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ id: number; phone: string }>`
      SELECT contacts.id AS id, contacts.phone AS phone FROM contacts
      WHERE contacts.workspace_id = ${scope.list.workspaceId}
        AND contacts.list_id = ${scope.list.id}
        AND contacts.id > ${after}
        AND substr(contacts.phone, 1, 1) = '+'
        AND contacts.consent_status = 'granted' AND contacts.consent_valid_until > ${scope.at}
        AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.workspace_id = contacts.workspace_id
                        AND s.phone = contacts.phone AND s.lifted_at IS NULL)
        AND ${filter}
      ORDER BY contacts.id LIMIT ${pageSize}`.execute(scope.db);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ id: Number(r.id), phone: r.phone }));
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/**
 * The numbers an advertiser already holds, in pages: its own contacts (not list rows) and its
 * active suppressions. Read only by the platform to build dedup keys; never returned.
 */
export async function* iterateHeldNumbers(
  db: Kysely<Database>,
  workspaceId: string,
  pageSize = 20_000,
): AsyncGenerator<string[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'phone'])
      .where('workspace_id', '=', workspaceId)
      .where('list_id', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows.map((r) => r.phone);
    if (rows.length < pageSize) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  let afterSuppression = 0;
  for (;;) {
    const rows = await db
      .selectFrom('suppressions')
      .select(['id', 'phone'])
      .where('workspace_id', '=', workspaceId)
      .where('lifted_at', 'is', null)
      .where('id', '>', afterSuppression)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows.map((r) => r.phone);
    if (rows.length < pageSize) break;
    afterSuppression = Number(rows[rows.length - 1]!.id);
  }
}

/** List contacts by id with their consent events, for a purchase copy. */
export async function loadListContacts(
  db: Kysely<Database>,
  list: Pick<List, 'id' | 'workspaceId'>,
  ids: readonly number[],
): Promise<Array<{ contact: Selectable<Database['contacts']>; events: ConsentEventInput[] }>> {
  if (ids.length === 0) return [];
  const contacts = await db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', list.workspaceId)
    .where('list_id', '=', list.id)
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  const chains = await readConsentChains(
    db,
    list.workspaceId,
    contacts.map((c) => Number(c.id)),
  );
  const inputOf = ({
    id: _id,
    contactId: _c,
    workspaceId: _w,
    phone: _p,
    seq: _s,
    origin: _o,
    recordedAt: _r,
    fingerprint: _f,
    prevHash: _ph,
    hash: _h,
    ...input
  }: StoredConsentEvent): ConsentEventInput => input;
  return contacts.map((c) => ({
    contact: c,
    events: (chains.get(Number(c.id)) ?? []).map(inputOf),
  }));
}
