import { type Kysely, sql } from 'kysely';

/**
 * The audience fingerprint sees new contacts by the workspace's highest contact id and changed
 * ones by their latest `updated_at` among those changed since created: the index on
 * (workspace_id, updated_at) now holds only those. A contact as inserted (updated_at =
 * created_at) costs it no entry: at 1M imported rows the full index was 46 MB of writes and
 * ~1.5–2 µs per row (docs/decisions/store.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_workspace_updated').ifExists().execute();
  await db.schema
    .createIndex('contacts_workspace_changed')
    .ifNotExists()
    .on('contacts')
    .columns(['workspace_id', 'updated_at'])
    .where(sql.ref('updated_at'), '>', sql.ref('created_at'))
    .execute();
}
