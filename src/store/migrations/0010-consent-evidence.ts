import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { Capabilities } from '../capabilities.ts';

/** What an event says that a whole file or form usually shares: stored once, referenced. */
const evidenceColumns = [
  'kind',
  'basis',
  'mechanism',
  'wording',
  'wording_version',
  'form_url',
  'source_type',
  'partner_list_url',
  'partner_list_version',
  'partner_consent',
  'prechecked',
  'bundled_with_terms',
  'customer_purchase',
  'objection_offered',
] as const;

/**
 * The consent ledger, leaner (issue 4's import budget): each event kept the file-wide evidence
 * (wording, form, source, partner list…), a copy of the workspace and number, and its
 * fingerprint and previous hash, all derivable. Now the evidence is one `consent_evidence` row
 * that events reference, and an event keeps only what is its own: contact, seq, collected at,
 * IP, user agent, origin, recorded at and its chain hash. Fingerprints and previous hashes are
 * recomputed on read with the same formula, so every existing chain still verifies; ids are
 * kept (suppressions point to the event that lifted them).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) =>
    caps.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey();

  let evidence = db.schema
    .createTable('consent_evidence')
    .addColumn('id', caps.autoIdType, id)
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('kind', 'text', (c) => c.notNull());
  for (const name of evidenceColumns.slice(1, 6)) evidence = evidence.addColumn(name, 'text');
  await evidence
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('partner_list_url', 'text')
    .addColumn('partner_list_version', 'text')
    .addColumn('partner_consent', 'integer', (c) => c.notNull())
    .addColumn('prechecked', 'integer', (c) => c.notNull())
    .addColumn('bundled_with_terms', 'integer', (c) => c.notNull())
    .addColumn('customer_purchase', 'integer')
    .addColumn('objection_offered', 'integer')
    .execute();
  await db.schema
    .createIndex('consent_evidence_workspace')
    .on('consent_evidence')
    .columns(['workspace_id', 'id'])
    .execute();

  await db.schema.alterTable('consent_events').renameTo('consent_events_0001').execute();
  await db.schema
    .createTable('consent_events')
    .addColumn('id', caps.autoIdType, id)
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('evidence_id', 'bigint', (c) => c.notNull().references('consent_evidence.id'))
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('consent_events_contact_seq_0010', ['contact_id', 'seq'])
    .execute();

  await copyEvents(db);
  await db.schema.dropTable('consent_events_0001').execute();
  if (caps.dialect === 'postgres') {
    // Rows were copied with their ids: the new sequence starts after them.
    await sql`SELECT setval(pg_get_serial_sequence('consent_events', 'id'),
      GREATEST((SELECT max(id) FROM consent_events), 1), (SELECT count(*) > 0 FROM consent_events))`.execute(
      db,
    );
  }
}

/** Moves the old rows over in id pages, one evidence row per distinct evidence and workspace. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
async function copyEvents(db: Kysely<any>): Promise<void> {
  const evidenceIds = new Map<string, number>();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('consent_events_0001')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute();
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.id);
    const events = [];
    for (const row of rows) {
      const values = Object.fromEntries(evidenceColumns.map((c) => [c, row[c]]));
      const key = JSON.stringify([row.workspace_id, ...evidenceColumns.map((c) => row[c])]);
      let evidenceId = evidenceIds.get(key);
      if (evidenceId === undefined) {
        const inserted = await db
          .insertInto('consent_evidence')
          .values({ workspace_id: row.workspace_id, ...values })
          .returning('id')
          .executeTakeFirstOrThrow();
        evidenceId = Number(inserted.id);
        evidenceIds.set(key, evidenceId);
      }
      events.push({
        id: row.id,
        contact_id: row.contact_id,
        seq: row.seq,
        evidence_id: evidenceId,
        collected_at: row.collected_at,
        ip: row.ip,
        user_agent: row.user_agent,
        origin: row.origin,
        recorded_at: row.recorded_at,
        hash: row.hash,
      });
    }
    for (let i = 0; i < events.length; i += 500) {
      await db
        .insertInto('consent_events')
        .values(events.slice(i, i + 500))
        .execute();
    }
  }
}
