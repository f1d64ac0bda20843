import type { Kysely, Selectable } from 'kysely';
import type { ConsentState } from '../core/consent/derive-consent-state.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import type { ContactsTable, Database } from './schema.ts';

export type ContactRow = Selectable<ContactsTable>;

/** A workspace's own contact by E.164 number (list contacts are reached through their list). */
export async function findContactByPhone(
  db: Kysely<Database>,
  workspaceId: string,
  phone: string,
): Promise<ContactRow | undefined> {
  const row = await db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('list_id', 'is', null)
    .where('phone', '=', phone)
    .executeTakeFirst();
  return row && { ...row, id: Number(row.id) };
}

export async function countContacts(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Keyset pages in id order: constant memory whatever the size. */
export async function* iterateContacts(
  db: Kysely<Database>,
  workspaceId: string,
  pageSize = 5000,
): AsyncGenerator<ContactRow & { suppression: string | null }> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('contacts')
      .selectAll('contacts')
      // The reason of the number's active suppression, if any (an export must show it).
      .select((eb) =>
        eb
          .selectFrom('suppressions')
          .select('reason')
          .whereRef('suppressions.workspace_id', '=', 'contacts.workspace_id')
          .whereRef('suppressions.phone', '=', 'contacts.phone')
          .where('suppressions.lifted_at', 'is', null)
          .limit(1)
          .as('suppression'),
      )
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const row of page) yield { ...row, id: Number(row.id) };
    if (page.length < pageSize) return;
    after = Number(page[page.length - 1]!.id);
  }
}

/** Creates a bare contact for a number first met through a consent event (e.g. an MO). */
export async function insertContact(
  db: Kysely<Database>,
  workspaceId: string,
  values: ContactValues,
  now: Date,
): Promise<ContactRow> {
  const row = {
    workspace_id: workspaceId,
    list_id: null,
    ...values,
    consent_basis: null,
    consent_status: 'none' as const,
    consent_valid_until: null,
    consent_collected_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const { id } = await db
    .insertInto('contacts')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...row, id: Number(id) };
}

/** Refreshes the consent cache of a contact (same transaction as the event). */
export async function updateConsentCache(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: number,
  state: ConsentState,
  now: Date,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      consent_basis: state.basis,
      consent_status: state.status,
      consent_valid_until: state.validUntil,
      consent_collected_at: state.collectedAt,
      updated_at: now.toISOString(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .execute();
}

/**
 * Records an inbound interaction (a click or a reply; never a delivery), FR-CONS-07. The
 * consent cache depends on it: callers re-derive it in the same transaction (recordInteraction).
 */
export async function updateLastInteraction(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ last_interaction_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .where((eb) =>
      eb.or([eb('last_interaction_at', 'is', null), eb('last_interaction_at', '<', at)]),
    )
    .execute();
}
