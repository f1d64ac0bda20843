import type { Insertable, Kysely, Selectable } from 'kysely';
import type { MarketAlertsTable } from './market-tables.ts';
import { marketTables } from './market-tables.ts';
import type { Database } from './schema.ts';

/**
 * What the platform reports to a list provider: a seed reached outside a licensed campaign
 * (seed_misuse), and a STOP from a rental recipient (stop): the provider's suppression feed.
 */
export type MarketAlert = Selectable<MarketAlertsTable>;

export async function insertMarketAlert(
  db: Kysely<Database>,
  alert: Omit<Insertable<MarketAlertsTable>, 'id' | 'applied_at'> & { applied_at?: string | null },
): Promise<void> {
  await marketTables(db)
    .insertInto('market_alerts')
    .values({ ...alert, applied_at: alert.applied_at ?? null })
    .execute();
}

/** A provider's alerts, optionally of one kind or list, oldest first. */
export async function listMarketAlerts(
  db: Kysely<Database>,
  providerWorkspaceId: string,
  options: { kind?: MarketAlert['kind']; listId?: string; unappliedOnly?: boolean } = {},
): Promise<MarketAlert[]> {
  let query = marketTables(db)
    .selectFrom('market_alerts')
    .selectAll()
    .where('provider_workspace_id', '=', providerWorkspaceId);
  if (options.kind) query = query.where('kind', '=', options.kind);
  if (options.listId) query = query.where('list_id', '=', options.listId);
  if (options.unappliedOnly) query = query.where('applied_at', 'is', null);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function markAlertsApplied(
  db: Kysely<Database>,
  providerWorkspaceId: string,
  ids: readonly number[],
  at: string,
): Promise<void> {
  if (ids.length === 0) return;
  await marketTables(db)
    .updateTable('market_alerts')
    .set({ applied_at: at })
    .where('provider_workspace_id', '=', providerWorkspaceId)
    .where('id', 'in', ids)
    .execute();
}
