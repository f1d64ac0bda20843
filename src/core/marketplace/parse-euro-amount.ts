/**
 * '45', '45.5', '45,50', '0.8' (euros) -> whole cents; null when not a non-negative amount with
 * at most two decimals. A price per thousand (CPM) or a minimum order, as a provider types it.
 */
export function parseEuroAmount(text: string): number | null {
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Whole cents -> euros as a number with two decimals at most (12345 -> 123.45). */
export function centsToEuros(cents: number): number {
  return cents / 100;
}
