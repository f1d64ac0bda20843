import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.ts';

/**
 * Campaigns (issue 7) and the messages table, which is the dispatcher's queue (issue 8): one
 * row per SMS to send, rendered at plan time, claimed by (state, planned_at).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('licences', 'text', (c) => c.notNull())
    .addColumn('rule_pack', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('finish_by', 'text')
    .addColumn('slots', 'text', (c) => c.notNull())
    .addColumn('tps', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text')
    .addColumn('preflight_digest', 'text')
    .addColumn('preflight_summary', 'text')
    .addColumn('recipient_digest', 'text')
    .execute();
  await db.schema
    .createIndex('campaigns_workspace')
    .on('campaigns')
    .columns(['workspace_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', caps.autoIdType, (c) =>
      caps.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('contact_id', 'bigint')
    .addColumn('licence_id', 'text')
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('masked', 'integer', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('parts', 'integer', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('planned_at', 'text', (c) => c.notNull())
    .addColumn('window_ends_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('gateway_id', 'text')
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_due')
    .on('messages')
    .columns(['state', 'planned_at'])
    .execute();
  await db.schema
    .createIndex('messages_campaign_state')
    .on('messages')
    .columns(['campaign_id', 'state'])
    .execute();
}
