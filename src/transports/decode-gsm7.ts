import { gsmAlphabet } from '../core/message/gsm-alphabet.ts';

/** Extension code after ESC -> character, built from the composer's own table. */
const extension = new Map(gsmAlphabet.extension.map(([char, code]) => [code, char]));

/**
 * GSM 03.38 (3GPP TS 23.038) default alphabet, unpacked (one septet a byte), to a string: the
 * inverse of the composer's encoder. ESC (0x1B) + code gives the extension table; an unknown
 * extension code shows the basic character (as 23.038 asks of receivers); a trailing ESC is
 * dropped; bytes above 0x7F become U+FFFD.
 */
export function decodeGsm7(bytes: Uint8Array): string {
  const basic = gsmAlphabet.basic;
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b > 0x7f) {
      out += '\uFFFD';
    } else if (b === gsmAlphabet.escape) {
      i += 1;
      if (i >= bytes.length) break;
      const code = bytes[i]!;
      out += extension.get(code) ?? (code > 0x7f ? '\uFFFD' : code === 0x1b ? ' ' : basic[code]!);
    } else {
      out += basic[b]!;
    }
  }
  return out;
}
