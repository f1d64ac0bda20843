/**
 * GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table, as lookup tables indexed
 * by UTF-16 code unit. 0x09 is capital Ç per the standard (small ç is not GSM-7); 0x1B is the
 * escape to the extension table and is not a character of its own.
 */

/** The 128 basic septets in order; '\u001b' marks the escape slot (never matched as text). */
const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Extension table: character -> code after ESC (each costs 2 septets). */
const extension: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
];

/** Highest UTF-16 code unit present in either table (€, U+20AC) plus one. */
const size = 0x20ad;
/** Septets a code unit costs: 0 = not GSM-7, 1 = basic, 2 = extension. */
const cost = new Uint8Array(size);
/** The septet value of a basic character, or the code after ESC of an extension character. */
const septet = new Uint8Array(size);

for (let i = 0; i < basic.length; i += 1) {
  if (i === 0x1b) continue;
  const c = basic.charCodeAt(i);
  cost[c] = 1;
  septet[c] = i;
}
for (const [char, code] of extension) {
  const c = char.charCodeAt(0);
  cost[c] = 2;
  septet[c] = code;
}

export const gsmAlphabet = {
  escape: 0x1b,
  /** The basic table as a string: index = septet value (0x1B is the escape slot). */
  basic,
  extension,
  /** Septets the UTF-16 code unit costs in GSM-7: 0 (not GSM-7), 1 or 2. */
  costOf(code: number): number {
    return code < size ? cost[code]! : 0;
  },
  /** The septet (basic) or the code after ESC (extension) of a GSM-7 code unit. */
  septetOf(code: number): number {
    return septet[code]!;
  },
  cost,
  size,
} as const;
