import { decodeGsm7 } from './decode-gsm7.ts';

/**
 * Decodes the text of an SMPP short_message or message_payload by its data_coding: 0 GSM-7
 * (unpacked), 1 IA5/ASCII, 3 Latin-1, 8 UCS-2 (UTF-16BE, surrogate pairs kept), 0xF0–0xFF by
 * the message-class bit (GSM-7 or 8-bit); anything else (2, 4 binary, national codings) as
 * Latin-1 so that no byte is lost silently.
 */
export function decodeShortMessage(bytes: Uint8Array, dataCoding: number): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dataCoding === 0) return decodeGsm7(bytes);
  if (dataCoding === 1) return buffer.toString('ascii');
  if (dataCoding === 8) return decodeUtf16be(buffer);
  if ((dataCoding & 0xf0) === 0xf0) {
    return dataCoding & 0x04 ? buffer.toString('latin1') : decodeGsm7(bytes);
  }
  return buffer.toString('latin1');
}

function decodeUtf16be(buffer: Buffer): string {
  const even = buffer.subarray(0, buffer.length - (buffer.length % 2));
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString('utf16le');
}
