/**
 * Price of one SMS part by destination territory, in euros excluding VAT: a parameter of the
 * plan. Defaults are typical French aggregator list prices for 2026 (metropolitan marketing SMS
 * 0.045 €; overseas departments and Saint-Pierre-et-Miquelon about twice that; the Pacific
 * collectivities more), to be replaced by the workspace's contract. Unknown territories use
 * `default`. A number shared by several territories (+590) is priced at the dearest.
 */
export type PriceTable = Readonly<Record<string, number>> & { readonly default: number };

export const defaultPriceTable: PriceTable = {
  FR: 0.045,
  GP: 0.09,
  BL: 0.09,
  MF: 0.09,
  MQ: 0.09,
  GF: 0.09,
  RE: 0.09,
  YT: 0.09,
  PM: 0.12,
  NC: 0.15,
  PF: 0.15,
  WF: 0.15,
  default: 0.15,
};

export function findPartPrice(table: PriceTable, territories: readonly string[]): number {
  let price = 0;
  for (const t of territories) price = Math.max(price, table[t] ?? table.default);
  return territories.length === 0 ? table.default : price;
}
