/** Postal codes of the two collectivités that kept Guadeloupe's 971 range. */
const collectivities: Record<string, string> = { '97133': '977', '97150': '978' };

/**
 * The département of a French postal code (pure, no lookup table): the first two digits, except
 * Corsica (200xx-201xx -> 2A, 202xx-206xx -> 2B), overseas codes 97x/98x (three digits) and
 * Saint-Barthélemy 97133 -> 977, Saint-Martin 97150 -> 978 (their codes sit in 971, which
 * would otherwise mean Guadeloupe). Null when the code is not five digits or names no
 * département (00xxx, 207xx-209xx, Monaco 980xx).
 */
export function departmentOfPostalCode(postalCode: string): string | null {
  const code = postalCode.trim();
  if (!/^\d{5}$/.test(code) || code.startsWith('00')) return null;
  if (code.startsWith('20')) {
    const hundreds = Number(code.slice(2, 3));
    if (hundreds <= 1) return '2A';
    if (hundreds <= 6) return '2B';
    return null;
  }
  if (collectivities[code]) return collectivities[code];
  if (code.startsWith('980')) return null;
  if (code.startsWith('97') || code.startsWith('98')) return code.slice(0, 3);
  return code.slice(0, 2);
}
