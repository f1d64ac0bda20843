import type { BulkConstants, BulkSession } from './db.ts';

/**
 * Inserts the contacts whose number is new to the workspace; per row, the new id or null
 * when the number is already stored. SQLite tells it per row (`ON CONFLICT DO NOTHING`);
 * PostgreSQL looks the numbers up, COPYs the new ones and reads their ids.
 */
export async function insertNewContacts(
  session: BulkSession,
  workspaceId: string,
  shape: { columns: readonly string[]; constants: BulkConstants },
  values: readonly unknown[][],
  phones: readonly string[],
): Promise<Array<number | null>> {
  const db = session.db;
  const { columns, constants } = shape;
  if (values.length === 0) return [];
  const tried = await session.insertNewValues('contacts', columns, values, constants);
  if (tried) return tried;
  const existing = new Set(
    (
      await db
        .selectFrom('contacts')
        .select('phone')
        .where('workspace_id', '=', workspaceId)
        .where('list_id', 'is', null)
        .where('phone', 'in', [...phones])
        .execute()
    ).map((c) => c.phone),
  );
  const news = values.filter((_, i) => !existing.has(phones[i]!));
  await session.insertValues('contacts', columns, news, constants);
  const ids =
    news.length === 0
      ? []
      : await db
          .selectFrom('contacts')
          .select(['id', 'phone'])
          .where('workspace_id', '=', workspaceId)
          .where('list_id', 'is', null)
          .where(
            'phone',
            'in',
            phones.filter((p) => !existing.has(p)),
          )
          .execute();
  const idOf = new Map(ids.map((r) => [r.phone, Number(r.id)]));
  return phones.map((p) => (existing.has(p) ? null : idOf.get(p)!));
}
