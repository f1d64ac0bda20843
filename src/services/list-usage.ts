import { centsToEuros } from '../core/marketplace/parse-euro-amount.ts';
import type { Store } from '../store/db.ts';
import { listLicences } from '../store/licences.ts';
import { listLists } from '../store/lists.ts';
import { listMarketAlerts, markAlertsApplied } from '../store/market-alerts.ts';
import { countQuotes, listOrdersOfList } from '../store/orders.ts';
import { insertSuppression } from '../store/suppressions.ts';
import { findWorkspace } from '../store/workspaces.ts';
import { passObjectionOn } from './objections.ts';
import { resolveWorkspace } from './workspaces.ts';

export interface ListUsage {
  readonly list: {
    readonly id: string;
    readonly name: string;
    readonly version: number;
    readonly contacts: number;
  };
  readonly quotes: number;
  readonly orders: Array<{
    readonly id: string;
    readonly advertiser: string;
    readonly type: 'rental' | 'purchase';
    readonly contacts: number;
    readonly price: number;
    readonly createdAt: string;
  }>;
  /** Campaigns sent on rentals: the renter's text only when the renter shared it. */
  readonly rentals: Array<{
    readonly licenceId: string;
    readonly state: 'active' | 'consumed';
    readonly campaignId: string | null;
    readonly consumedAt: string | null;
    readonly contacts: number;
    readonly text: string | null;
  }>;
  readonly stops: { readonly total: number; readonly unapplied: number };
  readonly seedAlerts: Array<{
    readonly seed: string;
    readonly campaignId: string | null;
    readonly sender: string | null;
    readonly at: string;
  }>;
}

/** What a provider sees of its lists' use: counts, orders, rental campaigns, STOPs, seed alerts. */
export async function describeListUsage(store: Store, workspace: string): Promise<ListUsage[]> {
  const provider = await resolveWorkspace(store, workspace);
  const out: ListUsage[] = [];
  // Who reached a seed, as the provider can act on it: the legal entity (else the name), then
  // the id. An id alone told the provider nothing it could take to the advertiser.
  const senders = new Map<string, string>();
  const senderOf = async (id: string | null) => {
    if (id === null) return null;
    if (!senders.has(id)) {
      const ws = await findWorkspace(store.db, id);
      senders.set(id, ws ? `${ws.legal_name ?? ws.name} (${ws.id})` : id);
    }
    return senders.get(id)!;
  };
  for (const list of await listLists(store.db, provider.id)) {
    const orders = await listOrdersOfList(store.db, list.id);
    const licences = await listLicences(store.db, { listId: list.id });
    const stops = await listMarketAlerts(store.db, provider.id, { kind: 'stop', listId: list.id });
    const seeds = await listMarketAlerts(store.db, provider.id, {
      kind: 'seed_misuse',
      listId: list.id,
    });
    const seedAlerts: ListUsage['seedAlerts'] = [];
    // One at a time: the cache then looks each sender up once.
    for (const s of seeds) {
      seedAlerts.push({
        seed: s.phone,
        campaignId: s.campaign_id,
        sender: await senderOf(s.sender_workspace_id),
        at: s.created_at,
      });
    }
    out.push({
      list: { id: list.id, name: list.name, version: list.version, contacts: list.contacts },
      quotes: await countQuotes(store.db, list.id),
      orders: orders.map((o) => ({
        id: o.id,
        advertiser: o.advertiser,
        type: o.type,
        contacts: o.net,
        price: centsToEuros(o.price_cents),
        createdAt: o.created_at,
      })),
      rentals: licences
        .filter((l) => l.type === 'rental')
        .map((l) => ({
          licenceId: l.id,
          state: l.state,
          campaignId: l.campaign_id,
          consumedAt: l.consumed_at,
          contacts: l.contacts,
          text: l.shared_text,
        })),
      stops: { total: stops.length, unapplied: stops.filter((s) => s.applied_at === null).length },
      seedAlerts,
    });
  }
  return out;
}

/**
 * The provider applies its STOP feed (LIST-04): every STOP reported from a rental becomes a
 * suppression of the provider's workspace, so the number leaves every later selection.
 */
export async function applyStopFeed(
  store: Store,
  workspace: string,
  now: Date,
): Promise<{ applied: number }> {
  const provider = await resolveWorkspace(store, workspace);
  return store.db.transaction().execute(async (trx) => {
    const feed = await listMarketAlerts(trx, provider.id, { kind: 'stop', unappliedOnly: true });
    for (const alert of feed) {
      await passObjectionOn(trx, provider.id, alert.phone, now);
      await insertSuppression(
        trx,
        provider.id,
        {
          phone: alert.phone,
          reason: 'stop',
          origin: `rental:${alert.licence_id}`,
          note: 'STOP reported from a rental',
        },
        now,
      );
    }
    await markAlertsApplied(
      trx,
      provider.id,
      feed.map((a) => a.id),
      now.toISOString(),
    );
    return { applied: feed.length };
  });
}
