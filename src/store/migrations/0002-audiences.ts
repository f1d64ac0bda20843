import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.ts';

/** Saved audiences: a named filter per workspace (issue 5). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('audiences')
    .addColumn('id', caps.autoIdType, (c) =>
      caps.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('audiences_workspace_name', ['workspace_id', 'name'])
    .execute();
}
