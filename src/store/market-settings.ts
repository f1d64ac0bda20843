import type { Kysely } from 'kysely';
import { marketTables } from './market-tables.ts';
import type { Database } from './schema.ts';

/** A workspace's marketplace settings: its LIST-03 rights mention and LIST-01 strict mode. */
export interface MarketSettings {
  readonly rightsMention: string | null;
  readonly list01Strict: boolean;
}

export async function readMarketSettings(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<MarketSettings> {
  const ws = await db
    .selectFrom('workspaces')
    .select('rights_mention')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  const row = await marketTables(db)
    .selectFrom('market_settings')
    .select('list01_strict')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return {
    rightsMention: ws?.rights_mention ?? null,
    list01Strict: Number(row?.list01_strict ?? 1) === 1,
  };
}

export async function writeMarketSettings(
  db: Kysely<Database>,
  workspaceId: string,
  settings: { rightsMention?: string | null; list01Strict?: boolean },
): Promise<void> {
  if (settings.rightsMention !== undefined) {
    await db
      .updateTable('workspaces')
      .set({ rights_mention: settings.rightsMention })
      .where('id', '=', workspaceId)
      .execute();
  }
  if (settings.list01Strict !== undefined) {
    const value = settings.list01Strict ? 1 : 0;
    await marketTables(db)
      .insertInto('market_settings')
      .values({ workspace_id: workspaceId, list01_strict: value })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ list01_strict: value }))
      .execute();
  }
}
