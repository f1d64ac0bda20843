import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../capabilities.ts';

/**
 * The dispatcher's tables (issue 8): which worker holds a message and its last receipt status
 * (a one-part message is matched by messages.gateway_id), one row per part of a multipart
 * message with its gateway id (a multipart message is delivered when all its parts are), receipts that arrived before their part was recorded,
 * replies (MO) with their interpretation, and worker heartbeats (the gateway TPS is split
 * between live workers).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  const autoId = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', caps.autoIdType, (c) =>
        caps.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
      );
  await db.schema.alterTable('messages').addColumn('worker_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('receipt_status', 'text').execute();
  await db.schema.createIndex('messages_gateway').on('messages').column('gateway_id').execute();
  // The queue index only holds what is claimable: a state change after the claim touches it no
  // more (every message changes state four times on its way to delivered).
  await db.schema.dropIndex('messages_due').execute();
  await db.schema
    .createIndex('messages_due')
    .on('messages')
    .column('planned_at')
    .where(sql.ref('state'), '=', 'planned')
    .execute();
  await db.schema
    .createIndex('messages_due_campaign')
    .on('messages')
    .columns(['campaign_id', 'planned_at'])
    .where(sql.ref('state'), '=', 'planned')
    .execute();
  await db.schema
    .createIndex('messages_phone')
    .on('messages')
    .columns(['phone', 'workspace_id'])
    .execute();
  await db.schema
    .createTable('message_parts')
    .addColumn('message_id', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('gateway_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_parts_pk', ['message_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('message_parts_gateway')
    .on('message_parts')
    .column('gateway_id')
    .execute();
  await autoId('pending_receipts')
    .addColumn('gateway_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pending_receipts_gateway')
    .on('pending_receipts')
    .column('gateway_id')
    .execute();
  await autoId('inbound_messages')
    .addColumn('workspace_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('message_id', 'bigint')
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('interpretation', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('gateway_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inbound_messages_workspace')
    .on('inbound_messages')
    .columns(['workspace_id', 'id'])
    .execute();
  await db.schema
    .createTable('dispatch_workers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
}
