import type { Sector } from './campaign.ts';

/**
 * rules.md FR-MSG-05: prospecting by SMS is banned in these sectors (energy renovation and
 * renewable-energy equipment, adaptation of homes, CPF training) except within an ongoing
 * contract with the recipient. FR-SEC-01 / FR-SEC-02.
 */
export const bannedSectors: ReadonlySet<Sector> = new Set<Sector>([
  'energy_renovation',
  'home_adaptation',
  'cpf_training',
]);

export function isBannedSector(sector: Sector): boolean {
  return bannedSectors.has(sector);
}
