import type { Kysely } from 'kysely';

/**
 * Lets a workspace's contacts be read in id order by keyset pages (campaign preflight, column
 * cache loads) without a sort per page: without it SQLite picks another (workspace_id, …)
 * index and sorts every page, which made reading 1M recipients quadratic.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('contacts_workspace_id')
    .ifNotExists()
    .on('contacts')
    .columns(['workspace_id', 'id'])
    .execute();
}
