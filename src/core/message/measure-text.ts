import { gsmAlphabet } from './gsm-alphabet.ts';
import { type Encoding, partCapacity } from './part-capacity.ts';

/** A character that forces UCS-2, at its UTF-16 index in the JS string (what a UI highlights). */
export interface NonGsmChar {
  readonly char: string;
  readonly index: number;
}

export interface TextMeasure {
  readonly encoding: Encoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly units: number;
  readonly parts: number;
  /** Capacity of each part: 160 or 70 for one part, 153 or 67 when concatenated. */
  readonly perPart: number;
  /** Characters outside GSM-7, whole code points (an emoji is one entry at its first index). */
  readonly nonGsm: readonly NonGsmChar[];
}

/**
 * Encoding, size and parts of an SMS text in one pass: the greedy splits of both encodings are
 * followed at once (an ESC pair or a surrogate pair never cut), so `parts` is the real split's
 * count, the same as `findPartStarts` and `encodeParts` give.
 */
export function measureText(text: string): TextMeasure {
  const { cost, size } = gsmAlphabet;
  const gsmMulti = partCapacity['GSM-7'].multi;
  const ucsMulti = partCapacity['UCS-2'].multi;
  let septets = 0;
  let gsmUsed = 0;
  let gsmParts = 1;
  let ucsUsed = 0;
  let ucsParts = 1;
  let nonGsm: NonGsmChar[] | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const c = code < size ? cost[code]! : 0;
    if (c !== 0) {
      septets += c;
      if (gsmUsed + c > gsmMulti) {
        gsmParts += 1;
        gsmUsed = 0;
      }
      gsmUsed += c;
      if (ucsUsed === ucsMulti) {
        ucsParts += 1;
        ucsUsed = 0;
      }
      ucsUsed += 1;
      continue;
    }
    const pair = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
    const width = pair ? 2 : 1;
    if (ucsUsed + width > ucsMulti) {
      ucsParts += 1;
      ucsUsed = 0;
    }
    ucsUsed += width;
    if (nonGsm === undefined) nonGsm = [];
    nonGsm.push({ char: pair ? text.slice(i, i + 2) : text[i]!, index: i });
    if (pair) i += 1;
  }
  const encoding: Encoding = nonGsm ? 'UCS-2' : 'GSM-7';
  const units = nonGsm ? text.length : septets;
  const capacity = partCapacity[encoding];
  const single = units <= capacity.single;
  const parts = single ? 1 : nonGsm ? ucsParts : gsmParts;
  return {
    encoding,
    units,
    parts,
    perPart: single ? capacity.single : capacity.multi,
    nonGsm: nonGsm ?? [],
  };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
