import { DomainError } from '../domain-error.ts';
import { findPartStarts } from './find-part-starts.ts';
import { gsmAlphabet } from './gsm-alphabet.ts';
import type { Encoding } from './part-capacity.ts';

/** An SMS text as the bytes an SMPP transport sends, whole and split into parts. */
export interface EncodedMessage {
  readonly encoding: Encoding;
  /** SMPP data_coding: 0 (SMSC default alphabet, GSM 03.38) or 8 (UCS-2). */
  readonly dataCoding: 0 | 8;
  /** GSM-7: unpacked septets, one a byte (ESC 0x1B + code for extension characters). UCS-2: UTF-16BE. */
  readonly whole: Uint8Array;
  /** One element when the text fits one SMS (160/70), else 153/67-unit payloads without UDH. */
  readonly parts: Uint8Array[];
}

/**
 * Encodes `text` for SMPP: GSM-7 when every character is in GSM 03.38, else UCS-2 (UTF-16BE, a
 * character outside the BMP is a surrogate pair). Parts never cut an ESC pair or a surrogate
 * pair. Throws DomainError('invalid_input') on empty text or a lone surrogate.
 */
export function encodeParts(text: string): EncodedMessage {
  if (text.length === 0) throw new DomainError('invalid_input', 'cannot encode an empty SMS text');
  const septets = countGsmSeptets(text);
  if (septets < 0) {
    const lone = findLoneSurrogate(text);
    if (lone >= 0) {
      throw new DomainError('invalid_input', `SMS text has a lone surrogate at index ${lone}`, {
        index: lone,
      });
    }
  }
  const gsm = septets >= 0;
  const encoding: Encoding = gsm ? 'GSM-7' : 'UCS-2';
  const whole = gsm ? encodeGsm(text, septets) : encodeUcs2(text);
  const unitBytes = gsm ? 1 : 2;
  const units = whole.length / unitBytes;
  const starts = findPartStarts(text, encoding, units);
  const parts =
    starts.length === 1
      ? [whole]
      : starts.map((start, i) =>
          whole.subarray(start * unitBytes, (starts[i + 1] ?? units) * unitBytes),
        );
  return { encoding, dataCoding: gsm ? 0 : 8, whole, parts };
}

/** Septets of the text in GSM-7, or -1 as soon as a character is not GSM-7. */
function countGsmSeptets(text: string): number {
  const { cost, size } = gsmAlphabet;
  let septets = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const c = code < size ? cost[code]! : 0;
    if (c === 0) return -1;
    septets += c;
  }
  return septets;
}

/** Unpacked septets, one a byte; an extension character is ESC 0x1B then its code. */
function encodeGsm(text: string, septets: number): Uint8Array {
  const out = new Uint8Array(septets);
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (gsmAlphabet.costOf(code) === 2) out[n++] = gsmAlphabet.escape;
    out[n++] = gsmAlphabet.septetOf(code);
  }
  return out;
}

function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[2 * i] = code >> 8;
    out[2 * i + 1] = code & 0xff;
  }
  return out;
}

function findLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i += 1;
      continue;
    }
    return i;
  }
  return -1;
}
