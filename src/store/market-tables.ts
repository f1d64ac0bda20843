import type { Generated, Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The marketplace tables (migration 0005-marketplace) as Kysely sees them. Kept beside the
 * marketplace store files so that schema.ts stays the store helper's; `marketTables(db)`
 * widens a handle (or transaction) to see them.
 */
export interface ListsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  version: number;
  rental_cpm_cents: number | null;
  purchase_cpm_cents: number | null;
  minimum_order_cents: number;
  /** JSON array of E.164 seed (control) numbers: the provider's own. */
  seeds: string;
  /** JSON array of the partner names on the collection form (LIST-01). */
  partners: string;
  /** JSON object: share (0..1) of contacts with each targeting attribute. */
  coverage: string;
  contacts: number;
  created_at: string;
}

export interface MarketQuotesTable {
  id: Generated<number>;
  workspace_id: string;
  list_id: string;
  selected: number;
  duplicates: number;
  net: number;
  created_at: string;
}

export interface MarketOrdersTable {
  id: string;
  workspace_id: string;
  list_id: string;
  provider_workspace_id: string;
  type: 'rental' | 'purchase';
  filter: string;
  selected: number;
  duplicates: number;
  net: number;
  cpm_cents: number;
  price_cents: number;
  minimum_applied: number;
  created_at: string;
}

export interface LicencesTable {
  id: string;
  workspace_id: string;
  list_id: string;
  list_version: number;
  provider_workspace_id: string;
  order_id: string;
  type: 'rental' | 'purchase';
  contacts: number;
  seeds: number;
  state: 'active' | 'consumed';
  campaign_id: string | null;
  consumed_at: string | null;
  /** The renter's message text, only when the renter chose to share it with the provider. */
  shared_text: string | null;
  created_at: string;
}

export interface LicenceContactsTable {
  licence_id: string;
  contact_id: number;
}

export interface MarketAlertsTable {
  id: Generated<number>;
  provider_workspace_id: string;
  list_id: string;
  kind: 'seed_misuse' | 'stop';
  /** The provider's own number (a seed, or a list contact): shown to the provider only. */
  phone: string;
  licence_id: string | null;
  campaign_id: string | null;
  sender_workspace_id: string | null;
  created_at: string;
  applied_at: string | null;
}

export interface MarketSettingsTable {
  workspace_id: string;
  list01_strict: number;
}

export type MarketTables = {
  lists: ListsTable;
  market_quotes: MarketQuotesTable;
  market_orders: MarketOrdersTable;
  licences: LicencesTable;
  licence_contacts: LicenceContactsTable;
  market_alerts: MarketAlertsTable;
  market_settings: MarketSettingsTable;
};

export type MarketDb = Kysely<Database & MarketTables>;

export function marketTables(db: Kysely<Database>): MarketDb {
  return db.withTables<MarketTables>();
}
