import { centsToEuros } from '../core/marketplace/parse-euro-amount.ts';
import { scopeListFilter } from '../core/marketplace/scope-list-filter.ts';
import { tallyAudience } from '../store/audience-counts.ts';
import type { Store } from '../store/db.ts';
import { listLists } from '../store/lists.ts';
import { readMarketSettings } from '../store/market-settings.ts';
import { partnerFinding } from './market.ts';
import { resolveWorkspace } from './workspaces.ts';

export interface CatalogueEntry {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly provider: { readonly name: string; readonly legalName: string | null };
  readonly version: number;
  /** Contacts reachable today (valid consent, not suppressed by the provider). */
  readonly contacts: number;
  readonly rentalCpm: number | null;
  readonly purchaseCpm: number | null;
  readonly minimumOrder: number;
  readonly currency: 'EUR';
  readonly partners: readonly string[];
  /** LIST-01: whether the collection form names this workspace among the partners. */
  readonly namesYou: boolean;
  readonly coverage: Readonly<Record<string, number>>;
  readonly createdAt: string;
}

/** Every published list, with prices, coverage and whether it names the browsing workspace. */
export async function browseCatalogue(
  store: Store,
  request: { workspace: string },
  now: Date,
): Promise<CatalogueEntry[]> {
  const advertiser = await resolveWorkspace(store, request.workspace);
  const settings = await readMarketSettings(store.db, advertiser.id);
  const entries: CatalogueEntry[] = [];
  for (const list of await listLists(store.db)) {
    const tally = await tallyAudience({
      db: store.db,
      caps: store.capabilities,
      workspaceId: list.workspaceId,
      filter: scopeListFilter(list.id, { kind: 'all', nodes: [] }),
      at: now.toISOString(),
    });
    entries.push({
      id: list.id,
      name: list.name,
      description: list.description,
      provider: { name: list.providerName, legalName: list.providerLegalName },
      version: list.version,
      contacts: tally.reachable,
      rentalCpm: list.rentalCpmCents === null ? null : centsToEuros(list.rentalCpmCents),
      purchaseCpm: list.purchaseCpmCents === null ? null : centsToEuros(list.purchaseCpmCents),
      minimumOrder: centsToEuros(list.minimumOrderCents),
      currency: 'EUR',
      partners: list.partners,
      namesYou: partnerFinding(list, advertiser, settings.list01Strict, 0) === null,
      coverage: list.coverage,
      createdAt: list.createdAt,
    });
  }
  return entries;
}
