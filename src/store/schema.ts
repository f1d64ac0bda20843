import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 UTC strings and flags are 0/1
 * integers in both dialects, so that rows read the same on SQLite and PostgreSQL.
 */
export interface WorkspacesTable {
  id: string;
  name: string;
  legal_name: string | null;
  is_provider: number;
  rights_mention: string | null;
  created_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  workspace_id: string;
  /** Null for the workspace's own contacts; a list id for a provider's list contacts. */
  list_id: string | null;
  phone: string;
  country: string | null;
  territory: string | null;
  first_name: string | null;
  last_name: string | null;
  postal_code: string | null;
  commune_code: string | null;
  commune: string | null;
  department: string | null;
  region: string | null;
  region_name: string | null;
  birth_date: string | null;
  birth_year: number | null;
  gender: 'F' | 'M' | 'X' | null;
  children: number | null;
  profession: string | null;
  income: string | null;
  housing: string | null;
  /** '|'-delimited with delimiters at both ends: '|car|bike|'. */
  transport: string | null;
  /** '|'-delimited with delimiters at both ends: '|sport|cooking|'. */
  interests: string | null;
  /** A JSON object of free attributes. */
  custom: string | null;
  consent_basis: string | null;
  consent_status: 'granted' | 'withdrawn' | 'none' | 'invalid';
  consent_valid_until: string | null;
  /** collected_at of the event that decides the current state (cache, like the two above). */
  consent_collected_at: string | null;
  source: string;
  last_interaction_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The ledger's events: what is each event's own; the shared evidence is referenced. */
export interface ConsentEventsTable {
  id: Generated<number>;
  contact_id: number;
  seq: number;
  evidence_id: number;
  collected_at: string;
  ip: string | null;
  user_agent: string | null;
  origin: string;
  recorded_at: string;
  hash: string;
}

/** What a consent says that a file or form shares (migration 0010). */
export interface ConsentEvidenceTable {
  id: Generated<number>;
  workspace_id: string;
  kind: 'granted' | 'withdrawn';
  basis: string | null;
  mechanism: string | null;
  wording: string | null;
  wording_version: string | null;
  form_url: string | null;
  source_type: 'first_party' | 'list_provider';
  partner_list_url: string | null;
  partner_list_version: string | null;
  partner_consent: number;
  prechecked: number;
  bundled_with_terms: number;
  customer_purchase: number | null;
  objection_offered: number | null;
}

export interface SuppressionsTable {
  id: Generated<number>;
  workspace_id: string;
  phone: string;
  reason: 'stop' | 'spam_report' | 'manual' | 'invalid';
  origin: string;
  note: string | null;
  created_at: string;
  lifted_at: string | null;
  lifted_by_consent_event_id: number | null;
  lifted_note: string | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

export interface Database {
  workspaces: WorkspacesTable;
  contacts: ContactsTable;
  consent_events: ConsentEventsTable;
  consent_evidence: ConsentEvidenceTable;
  suppressions: SuppressionsTable;
  schema_migrations: SchemaMigrationsTable;
}
