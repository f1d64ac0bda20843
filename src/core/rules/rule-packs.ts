import { frenchRulePack } from './fr.ts';
import type { RulePack } from './rule-pack.ts';

/**
 * Every shipped rule pack. Adding a jurisdiction (US, UK, DE, BE, ES, IT, CA) is one file
 * implementing RulePack plus its line here. A region no pack claims gets 'no-rule-pack'.
 */
export const rulePacks: readonly RulePack[] = [frenchRulePack];

const byRegion = new Map<string, RulePack>(
  rulePacks.flatMap((pack) => pack.regions.map((region) => [region, pack] as const)),
);

export function findRulePackId(region: string): string | null {
  return byRegion.get(region)?.id ?? null;
}

export function findRulePack(id: string): RulePack | null {
  return rulePacks.find((p) => p.id === id) ?? null;
}
