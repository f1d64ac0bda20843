import type { Finding } from '../preflight/finding.ts';

/** 'Dupont Meubles S.A.S.' -> 'dupont meubles sas': no accents, case, dots or punctuation. */
export function normaliseLegalName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * LIST-01: the collection form must name the advertiser among the partners. The advertiser's
 * legal name (or its name when no legal name is set) is compared with the list's partners,
 * ignoring case, accents and punctuation. Not named: a warning by default (CJEU C-317/25 is
 * pending), a block when the advertiser chose strict mode. Null when named.
 */
export function checkPartnerNaming(
  partners: readonly string[],
  advertiser: {
    readonly name: string;
    readonly legalName: string | null;
    readonly strict: boolean;
  },
  count: number,
): Finding | null {
  const wanted = normaliseLegalName(advertiser.legalName ?? advertiser.name);
  if (wanted !== '' && partners.some((p) => normaliseLegalName(p) === wanted)) return null;
  const who = advertiser.legalName ?? advertiser.name;
  const named = partners.length === 0 ? 'aucun partenaire' : partners.join(', ');
  return {
    rule: 'LIST-01',
    layer: 'law',
    severity: advertiser.strict ? 'block' : 'warn',
    count,
    message: `${who} n’est pas nommé parmi les partenaires du formulaire de collecte (${named}) : consentement non démontré pour cet annonceur (CNIL, Canal+ 2023 ; question pendante CJUE C-317/25).`,
  };
}
