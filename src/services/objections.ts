import type { Kysely } from 'kysely';
import { listIdOfSource } from '../core/marketplace/format-list-source.ts';
import { findContactByPhone } from '../store/contacts.ts';
import { findList, listLists } from '../store/lists.ts';
import { insertMarketAlert } from '../store/market-alerts.ts';
import { marketTables } from '../store/market-tables.ts';
import type { Database } from '../store/schema.ts';
import { insertSuppression } from '../store/suppressions.ts';

/**
 * LIST-04: "the objection may be made to the partner or to the original collector, who must
 * pass it on to all partners". Called once `workspaceId` has suppressed `phone` for an
 * objection (a STOP, a spam report):
 * - a bought copy (the contact's source is a list of another workspace): the list's owner
 *   suppresses the number too, and its feed records the report (applied);
 * - then the owner (that one, or `workspaceId` when it publishes lists): every other workspace
 *   that bought the number from one of its lists suppresses its copy.
 * Rentals need no more: the owner's suppressions leave every later rental send, and a
 * renter's STOP reaches the owner through `recordStopForRental`.
 */
export async function passObjectionOn(
  db: Kysely<Database>,
  workspaceId: string,
  phone: string,
  now: Date,
): Promise<{ owner: string | null; buyers: number }> {
  let owner: string | null = null;
  const copy = await findContactByPhone(db, workspaceId, phone);
  // The list a bought copy came from, by its source.
  const listId = listIdOfSource(copy?.source ?? null);
  const list = listId ? await findList(db, listId) : undefined;
  if (list && list.workspaceId !== workspaceId) {
    owner = list.workspaceId;
    const stop = {
      phone,
      reason: 'stop' as const,
      origin: `buyer:${workspaceId}`,
      note: 'objection to a buyer of the list (LIST-04)',
    };
    await insertSuppression(db, owner, stop, now);
    await insertMarketAlert(db, {
      provider_workspace_id: owner,
      list_id: list.id,
      kind: 'stop',
      phone,
      licence_id: null,
      campaign_id: null,
      sender_workspace_id: workspaceId,
      created_at: now.toISOString(),
      applied_at: now.toISOString(),
    });
  } else if ((await listLists(db, workspaceId)).length > 0) {
    owner = workspaceId;
  }
  if (owner === null) return { owner, buyers: 0 };
  return { owner, buyers: await suppressForBuyers(db, owner, workspaceId, phone, now) };
}

/** Every buyer of `owner`'s lists but `except` that holds a copy of `phone`: suppressed. */
async function suppressForBuyers(
  db: Kysely<Database>,
  owner: string,
  except: string,
  phone: string,
  now: Date,
): Promise<number> {
  // Buyers are found by their purchases (indexed by workspace), not by a scan of every
  // workspace's contacts for the number.
  const purchases = await marketTables(db)
    .selectFrom('licences')
    .select(['workspace_id', 'list_id'])
    .distinct()
    .where('provider_workspace_id', '=', owner)
    .where('type', '=', 'purchase')
    .execute();
  let suppressed = 0;
  for (const buyer of new Set(purchases.map((p) => p.workspace_id))) {
    if (buyer === except || buyer === owner) continue;
    const copy = await findContactByPhone(db, buyer, phone);
    const listId = listIdOfSource(copy?.source ?? null);
    if (!listId || !purchases.some((p) => p.workspace_id === buyer && p.list_id === listId)) {
      continue;
    }
    const stop = {
      phone,
      reason: 'stop' as const,
      origin: `list-owner:${listId}`,
      note: 'objection passed on by the list owner (LIST-04)',
    };
    if ((await insertSuppression(db, buyer, stop, now)).added) suppressed += 1;
  }
  return suppressed;
}
