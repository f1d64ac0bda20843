import type { Kysely } from 'kysely';

/**
 * A campaign's opt-out replies are counted after each STOP (FR-SND-04, the opt-out guard):
 * by campaign and interpretation, not by scanning every reply of the platform.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('inbound_messages_campaign')
    .ifNotExists()
    .on('inbound_messages')
    .columns(['campaign_id', 'interpretation'])
    .execute();
}
