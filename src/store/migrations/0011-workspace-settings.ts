import type { Kysely } from 'kysely';

/**
 * Issue 10 settings: per-workspace approved sender names (JSON array) and default sender, STOP
 * short code (overrides TEXTO_STOP_CODE) and default window policy. One row per workspace that
 * changed something; no row = the process-wide defaults.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspace_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('senders', 'text', (c) => c.notNull())
    .addColumn('default_sender', 'text')
    .addColumn('stop_code', 'text')
    .addColumn('default_policy', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
