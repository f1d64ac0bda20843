/**
 * Heuristic of rules.md FR-SCOPE-01: words and signs that make a "transactional" text look
 * promotional (discounts, sales, offers, free, prices). It flags for human review; it never
 * decides alone. Matching is case- and accent-insensitive on whole words.
 */
const markerPatterns: ReadonlyArray<readonly [label: string, pattern: RegExp]> = [
  ['pourcentage de remise', /-\s?\d{1,2}\s?%|\d{1,2}\s?%\s*(?:de\s+)?(?:remise|reduction|off)/],
  ['prix en euros', /\d+(?:[.,]\d{1,2})?\s?(?:€|eur\b|euros?\b)|€\s?\d/],
  ['promo', /\bpromo(?:tion)?s?\b/],
  ['soldes', /\bsoldes?\b/],
  ['offre', /\boffres?\b|\boffert[es]*\b/],
  ['réduction', /\breductions?\b|\bremises?\b|\brabais\b/],
  ['code promo', /\bcodes?\s+(?:promo|avantage|reduc\w*)\b/],
  ['gratuit', /\bgratuit[es]*\b|\bcadeaux?\b/],
  ['bon plan', /\bbons?\s+plans?\b|\bventes?\s+privees?\b|\bdestockage\b|\bblack\s+friday\b/],
  ['jeu concours', /\bconcours\b|\ba gagner\b/],
  ['incitation', /\bprofitez\b|\bderniers?\s+jours?\b|\bne manquez pas\b|\bexclusi(?:f|ve|vite)\b/],
];

const promoCode = /\b[Cc]ode\s*:?\s*(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,}\b/;

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The labels of the promotional markers found in a text, in catalogue order. */
export function findPromotionalMarkers(text: string): string[] {
  const folded = fold(text);
  const found: string[] = [];
  for (const [label, pattern] of markerPatterns) {
    if (pattern.test(folded)) found.push(label);
  }
  // "code NOEL20": an upper-case code with letters (a digits-only code is an OTP, not a promo).
  if (!found.includes('code promo') && promoCode.test(text)) found.push('code promo');
  return found;
}
