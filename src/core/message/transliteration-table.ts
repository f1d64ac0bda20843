/**
 * Replacements that keep French copy readable in GSM-7. Only characters outside GSM-7 are
 * looked up (É, Ç, é, è, à, ù… stay). Letters missing here fall back to their base letter
 * (Unicode decomposition) when that is GSM-7; emoji and other scripts are left alone.
 */
const groups: ReadonlyArray<readonly [string, string]> = [
  // Quotes and apostrophes (the usual silent UCS-2 triggers in French copy).
  ['«»“”„‟″＂', '"'],
  ['‘’‚‛′´`ʼ‹›', "'"],
  // Dashes and minus signs.
  ['‐‑‒–—―−', '-'],
  // Spaces: NBSP, the narrow NBSP of French typography (before ; : ! ?), thin and other spaces.
  [
    '\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000',
    ' ',
  ],
  // Lower-case letters outside GSM-7.
  ['âáãāă', 'a'],
  ['çćč', 'c'],
  ['êëēėę', 'e'],
  ['îïíīį', 'i'],
  ['ôóõō', 'o'],
  ['ûúūů', 'u'],
  ['ÿý', 'y'],
  // Capitals outside GSM-7 (É and Ç are GSM-7 and stay).
  ['ÀÂÁÃĀ', 'A'],
  ['ÈÊËĒ', 'E'],
  ['ÎÏÍÌ', 'I'],
  ['ÔÓÒÕ', 'O'],
  ['ÙÛÚ', 'U'],
  ['ŸÝ', 'Y'],
  ['º°', 'o'],
  ['•', '-'],
  ['·', '.'],
  ['×', 'x'],
  ['÷⁄', '/'],
];

const singles: ReadonlyArray<readonly [string, string]> = [
  ['œ', 'oe'],
  ['Œ', 'OE'],
  ['…', '...'],
  ['ª', 'a'],
  ['²', '2'],
  ['³', '3'],
  ['¹', '1'],
  ['½', '1/2'],
  ['¼', '1/4'],
  ['¾', '3/4'],
  ['™', 'TM'],
  ['®', '(R)'],
  ['©', '(C)'],
  ['№', 'No'],
  ['ﬁ', 'fi'],
  ['ﬂ', 'fl'],
  ['ł', 'l'],
  ['Ł', 'L'],
  ['đ', 'd'],
  ['ð', 'd'],
  // Invisible characters (zero-width spaces and joiners, soft hyphen, BOM) are removed.
  ['\u200b', ''],
  ['\u200c', ''],
  ['\u200d', ''],
  ['\u2060', ''],
  ['\ufeff', ''],
  ['\u00ad', ''],
];

function buildTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [chars, to] of groups) for (const c of chars) table.set(c, to);
  for (const [from, to] of singles) table.set(from, to);
  return table;
}

/** Character -> GSM-7 replacement (possibly several characters, or '' to remove). */
export const transliterationTable: ReadonlyMap<string, string> = buildTable();
