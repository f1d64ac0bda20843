import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.ts';

/**
 * The list marketplace (issue 6): lists, quotes, orders, licences (with the contacts a rental
 * covers), market alerts (seed misuse, STOPs reported to the provider) and the workspace's
 * marketplace settings (LIST-01 strict mode). Contacts of a list are `contacts` rows of the
 * provider's workspace with `list_id` set.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rental_cpm_cents', 'integer')
    .addColumn('purchase_cpm_cents', 'integer')
    .addColumn('minimum_order_cents', 'integer', (c) => c.notNull())
    .addColumn('seeds', 'text', (c) => c.notNull())
    .addColumn('partners', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('contacts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('lists_workspace_name', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('market_quotes')
    .addColumn('id', caps.autoIdType, (c) =>
      caps.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    .addColumn('selected', 'integer', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull())
    .addColumn('net', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('market_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    .addColumn('provider_workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('selected', 'integer', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull())
    .addColumn('net', 'integer', (c) => c.notNull())
    .addColumn('cpm_cents', 'integer', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('minimum_applied', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('licences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    .addColumn('list_version', 'integer', (c) => c.notNull())
    .addColumn('provider_workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('market_orders.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('contacts', 'integer', (c) => c.notNull())
    .addColumn('seeds', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('consumed_at', 'text')
    .addColumn('shared_text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('licences_workspace')
    .on('licences')
    .columns(['workspace_id', 'list_id'])
    .execute();

  await db.schema
    .createTable('licence_contacts')
    .addColumn('licence_id', 'text', (c) => c.notNull().references('licences.id'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addPrimaryKeyConstraint('licence_contacts_pk', ['licence_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('market_alerts')
    .addColumn('id', caps.autoIdType, (c) =>
      caps.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('provider_workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('licence_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('sender_workspace_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema
    .createIndex('market_alerts_provider')
    .on('market_alerts')
    .columns(['provider_workspace_id', 'list_id'])
    .execute();

  await db.schema
    .createTable('market_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('list01_strict', 'integer', (c) => c.notNull())
    .execute();
}
