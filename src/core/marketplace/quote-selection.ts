/** A price for one licence type: whole cents, and whether the list's minimum order set it. */
export interface SelectionPrice {
  readonly cpmCents: number;
  readonly cents: number;
  readonly minimumApplied: boolean;
}

export interface SelectionQuote {
  /** Reachable contacts of the list that the filter selects. */
  readonly count: number;
  /** Of those, numbers already in the advertiser's file or suppression list (not billed). */
  readonly duplicates: number;
  /** Billed names: count - duplicates. Seed numbers are never counted. */
  readonly net: number;
  /** Null when the list is not offered for rental (no rental CPM). */
  readonly rental: SelectionPrice | null;
  readonly purchase: SelectionPrice | null;
}

export interface ListPrices {
  readonly rentalCpmCents: number | null;
  readonly purchaseCpmCents: number | null;
  readonly minimumOrderCents: number;
}

/**
 * Net-name pricing: the price of a selection is its net count (duplicates against the
 * advertiser's own file and suppressions removed, seeds excluded) times the CPM (price per
 * thousand), rounded up to the cent, and never below the list's minimum order. An empty net
 * selection costs nothing (and cannot be ordered).
 */
export function quoteSelection(
  counts: { readonly count: number; readonly duplicates: number },
  prices: ListPrices,
): SelectionQuote {
  const net = Math.max(0, counts.count - counts.duplicates);
  const price = (cpmCents: number | null): SelectionPrice | null => {
    if (cpmCents === null) return null;
    if (net === 0) return { cpmCents, cents: 0, minimumApplied: false };
    const raw = Math.ceil((net * cpmCents) / 1000);
    const minimumApplied = raw < prices.minimumOrderCents;
    return { cpmCents, cents: minimumApplied ? prices.minimumOrderCents : raw, minimumApplied };
  };
  return {
    count: counts.count,
    duplicates: counts.duplicates,
    net,
    rental: price(prices.rentalCpmCents),
    purchase: price(prices.purchaseCpmCents),
  };
}
