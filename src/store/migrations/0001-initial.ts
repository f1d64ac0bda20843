import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { Capabilities } from '../capabilities.ts';

/** Workspaces, contacts, the consent ledger and suppressions. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) =>
    caps.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('legal_name', 'text')
    .addColumn('is_provider', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rights_mention', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  let contacts = db.schema
    .createTable('contacts')
    .addColumn('id', caps.autoIdType, id)
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('list_id', 'text')
    .addColumn('phone', 'text', (c) => c.notNull());
  for (const name of [
    'country',
    'territory',
    'first_name',
    'last_name',
    'postal_code',
    'commune_code',
    'commune',
    'department',
    'region',
    'region_name',
    'birth_date',
  ]) {
    contacts = contacts.addColumn(name, 'text');
  }
  contacts = contacts
    .addColumn('birth_year', 'integer')
    .addColumn('gender', 'text')
    .addColumn('children', 'integer');
  for (const name of ['profession', 'income', 'housing', 'transport', 'interests', 'custom']) {
    contacts = contacts.addColumn(name, 'text');
  }
  await contacts
    .addColumn('consent_basis', 'text')
    .addColumn('consent_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('consent_valid_until', 'text')
    .addColumn('consent_collected_at', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('first_party'))
    .addColumn('last_interaction_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One contact per number per workspace, and per number per list for list contacts.
  await db.schema
    .createIndex('contacts_own_phone')
    .on('contacts')
    .columns(['workspace_id', 'phone'])
    .unique()
    .where(sql.ref('list_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('contacts_list_phone')
    .on('contacts')
    .columns(['workspace_id', 'list_id', 'phone'])
    .unique()
    .where(sql.ref('list_id'), 'is not', null)
    .execute();

  let events = db.schema
    .createTable('consent_events')
    .addColumn('id', caps.autoIdType, id)
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull());
  for (const name of [
    'basis',
    'mechanism',
    'wording',
    'wording_version',
    'form_url',
    'ip',
    'user_agent',
  ]) {
    events = events.addColumn(name, 'text');
  }
  await events
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('partner_list_url', 'text')
    .addColumn('partner_list_version', 'text')
    .addColumn('partner_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prechecked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bundled_with_terms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customer_purchase', 'integer')
    .addColumn('objection_offered', 'integer')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('consent_events_contact_seq', ['contact_id', 'seq'])
    .execute();
  await db.schema
    .createTable('suppressions')
    .addColumn('id', caps.autoIdType, id)
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by_consent_event_id', 'bigint')
    .addColumn('lifted_note', 'text')
    .execute();
  // At most one active suppression per number; lifted ones stay as history.
  await db.schema
    .createIndex('suppressions_active_phone')
    .on('suppressions')
    .columns(['workspace_id', 'phone'])
    .unique()
    .where(sql.ref('lifted_at'), 'is', null)
    .execute();
}
