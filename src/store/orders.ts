import type { Kysely, Selectable } from 'kysely';
import type { MarketOrdersTable } from './market-tables.ts';
import { marketTables } from './market-tables.ts';
import type { Database } from './schema.ts';

export type OrderRow = Selectable<MarketOrdersTable>;

export async function insertOrder(db: Kysely<Database>, order: OrderRow): Promise<void> {
  await marketTables(db).insertInto('market_orders').values(order).execute();
}

/** Records that a workspace ran a quote on a list (counts only: the provider's usage view). */
export async function insertQuote(
  db: Kysely<Database>,
  quote: { workspaceId: string; listId: string; selected: number; duplicates: number; net: number },
  at: string,
): Promise<void> {
  await marketTables(db)
    .insertInto('market_quotes')
    .values({
      workspace_id: quote.workspaceId,
      list_id: quote.listId,
      selected: quote.selected,
      duplicates: quote.duplicates,
      net: quote.net,
      created_at: at,
    })
    .execute();
}

/** How many quotes were run on a list. */
export async function countQuotes(db: Kysely<Database>, listId: string): Promise<number> {
  const row = await marketTables(db)
    .selectFrom('market_quotes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('list_id', '=', listId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The orders on a list, with the advertiser's name, oldest first. */
export async function listOrdersOfList(
  db: Kysely<Database>,
  listId: string,
): Promise<Array<OrderRow & { advertiser: string }>> {
  const rows = await marketTables(db)
    .selectFrom('market_orders')
    .innerJoin('workspaces', 'workspaces.id', 'market_orders.workspace_id')
    .selectAll('market_orders')
    .select((eb) => eb.fn.coalesce('workspaces.legal_name', 'workspaces.name').as('advertiser'))
    .where('market_orders.list_id', '=', listId)
    .orderBy('market_orders.created_at')
    .orderBy('market_orders.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    selected: Number(r.selected),
    duplicates: Number(r.duplicates),
    net: Number(r.net),
    cpm_cents: Number(r.cpm_cents),
    price_cents: Number(r.price_cents),
    minimum_applied: Number(r.minimum_applied),
  }));
}

export async function findOrder(
  db: Kysely<Database>,
  orderId: string,
): Promise<OrderRow | undefined> {
  const row = await marketTables(db)
    .selectFrom('market_orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      selected: Number(row.selected),
      duplicates: Number(row.duplicates),
      net: Number(row.net),
      cpm_cents: Number(row.cpm_cents),
      price_cents: Number(row.price_cents),
      minimum_applied: Number(row.minimum_applied),
    }
  );
}
