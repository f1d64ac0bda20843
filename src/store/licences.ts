import { type Kysely, type Selectable, sql } from 'kysely';
import type { LicencesTable } from './market-tables.ts';
import { marketTables } from './market-tables.ts';
import type { Database } from './schema.ts';

export type LicenceRow = Selectable<LicencesTable>;

function normalise(r: LicenceRow): LicenceRow {
  return {
    ...r,
    list_version: Number(r.list_version),
    contacts: Number(r.contacts),
    seeds: Number(r.seeds),
  };
}

/** Inserts a licence and, for a rental, the contact ids it covers (in the caller's transaction). */
export async function insertLicence(
  db: Kysely<Database>,
  licence: LicenceRow,
  contactIds: readonly number[],
  maxParameters: number,
): Promise<void> {
  const m = marketTables(db);
  await m.insertInto('licences').values(licence).execute();
  const per = Math.floor(maxParameters / 2);
  for (let i = 0; i < contactIds.length; i += per) {
    await m
      .insertInto('licence_contacts')
      .values(
        contactIds.slice(i, i + per).map((id) => ({ licence_id: licence.id, contact_id: id })),
      )
      .execute();
  }
}

/** A licence of a workspace (scoped: another workspace's licence is not found). */
export async function findLicence(
  db: Kysely<Database>,
  workspaceId: string,
  licenceId: string,
): Promise<LicenceRow | undefined> {
  const row = await marketTables(db)
    .selectFrom('licences')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', licenceId)
    .executeTakeFirst();
  return row && normalise(row);
}

/** A licence by id alone, for the platform's own checks (dispatch, STOP, seeds). */
export async function findLicenceById(
  db: Kysely<Database>,
  licenceId: string,
): Promise<LicenceRow | undefined> {
  const row = await marketTables(db)
    .selectFrom('licences')
    .selectAll()
    .where('id', '=', licenceId)
    .executeTakeFirst();
  return row && normalise(row);
}

/** A workspace's licences, or every licence on one list (provider usage), oldest first. */
export async function listLicences(
  db: Kysely<Database>,
  by: { workspaceId: string } | { listId: string },
): Promise<LicenceRow[]> {
  let query = marketTables(db).selectFrom('licences').selectAll();
  query =
    'workspaceId' in by
      ? query.where('workspace_id', '=', by.workspaceId)
      : query.where('list_id', '=', by.listId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(normalise);
}

/** Licences a workspace holds on some lists (the seed check). */
export async function listLicencesOn(
  db: Kysely<Database>,
  workspaceId: string,
  listIds: readonly string[],
): Promise<LicenceRow[]> {
  if (listIds.length === 0) return [];
  const rows = await marketTables(db)
    .selectFrom('licences')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('list_id', 'in', listIds)
    .execute();
  return rows.map(normalise);
}

/**
 * Marks an active rental consumed by a campaign, atomically: of two campaigns racing for the
 * same rental, exactly one wins. Returns whether this call consumed it.
 */
export async function markRentalConsumed(
  db: Kysely<Database>,
  licenceId: string,
  campaignId: string,
  sharedText: string | null,
  at: string,
): Promise<boolean> {
  const result = await marketTables(db)
    .updateTable('licences')
    .set({ state: 'consumed', campaign_id: campaignId, consumed_at: at, shared_text: sharedText })
    .where('id', '=', licenceId)
    .where('type', '=', 'rental')
    .where('state', '=', 'active')
    .where('campaign_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A cancelled campaign gives back the rentals it consumed when none of their messages reached
 * a gateway (every one still planned, claimed or cancelled): the one campaign of the licence
 * did not happen. Returns how many were given back.
 */
export async function releaseUnsentRentals(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<number> {
  const result = await sql`UPDATE licences
    SET state = 'active', campaign_id = NULL, consumed_at = NULL, shared_text = NULL
    WHERE workspace_id = ${workspaceId} AND campaign_id = ${campaignId}
      AND type = 'rental' AND state = 'consumed'
      AND NOT EXISTS (SELECT 1 FROM messages m
        WHERE m.campaign_id = ${campaignId} AND m.licence_id = licences.id
          AND m.state NOT IN ('planned', 'claimed', 'cancelled'))`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The recipients of a rental: the licensed list contacts, by id, less the numbers the provider
 * has suppressed since (its STOP feed, LIST-04). Internal to the platform
 * (routage): the dispatcher reads numbers here; nothing of the renter's workspace shows them.
 */
export async function listRentalContacts(
  db: Kysely<Database>,
  licence: Pick<LicenceRow, 'id' | 'provider_workspace_id' | 'list_id'>,
): Promise<Array<{ id: number; phone: string }>> {
  const rows = await marketTables(db)
    .selectFrom('licence_contacts')
    .innerJoin('contacts', 'contacts.id', 'licence_contacts.contact_id')
    .select(['contacts.id as id', 'contacts.phone as phone'])
    .where('licence_contacts.licence_id', '=', licence.id)
    .where('contacts.workspace_id', '=', licence.provider_workspace_id)
    .where('contacts.list_id', '=', licence.list_id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('suppressions as s')
            .select('s.id')
            .whereRef('s.workspace_id', '=', 'contacts.workspace_id')
            .whereRef('s.phone', '=', 'contacts.phone')
            .where('s.lifted_at', 'is', null),
        ),
      ),
    )
    .orderBy('contacts.id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), phone: r.phone }));
}

/** Whether a number is among a rental's licensed contacts. */
export async function isRentalRecipient(
  db: Kysely<Database>,
  licence: Pick<LicenceRow, 'id' | 'provider_workspace_id' | 'list_id'>,
  phone: string,
): Promise<boolean> {
  const row = await marketTables(db)
    .selectFrom('licence_contacts')
    .innerJoin('contacts', 'contacts.id', 'licence_contacts.contact_id')
    .select('contacts.id')
    .where('licence_contacts.licence_id', '=', licence.id)
    .where('contacts.workspace_id', '=', licence.provider_workspace_id)
    .where('contacts.list_id', '=', licence.list_id)
    .where('contacts.phone', '=', phone)
    .executeTakeFirst();
  return row !== undefined;
}
