import { gsmAlphabet } from './gsm-alphabet.ts';
import { type Encoding, partCapacity } from './part-capacity.ts';

/**
 * Where each part of `text` starts, in units (septets for GSM-7, UTF-16 code units for UCS-2),
 * given its total `units`. One part when the text fits a single SMS; otherwise greedy parts of
 * 153/67 units that never cut an ESC pair (extension character) or a surrogate pair: a pair
 * that does not fit whole moves to the next part, which may leave one unit of a part unused.
 */
export function findPartStarts(text: string, encoding: Encoding, units: number): number[] {
  const capacity = partCapacity[encoding];
  if (units <= capacity.single) return [0];
  const starts = [0];
  let offset = 0;
  let used = 0;
  const gsm = encoding === 'GSM-7';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let size: number;
    if (gsm) {
      size = gsmAlphabet.costOf(code);
    } else if (code >= 0xd800 && code <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      size = 2;
      i += 1;
    } else {
      size = 1;
    }
    if (used + size > capacity.multi) {
      starts.push(offset);
      used = 0;
    }
    used += size;
    offset += size;
  }
  return starts;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
