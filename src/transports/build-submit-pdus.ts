import type { EncodedMessage } from '../core/message/encode-parts.ts';
import type { LongMessageMode } from './parse-transport-url.ts';
import type { OutgoingMessage } from './transport.ts';

/** The fields of one submit_sm, ready for `new smpp.PDU('submit_sm', fields)`. */
export interface SubmitFields {
  service_type: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
  esm_class: number;
  registered_delivery: number;
  validity_period: string;
  data_coding: number;
  short_message: Buffer;
  sar_msg_ref_num?: number;
  sar_total_segments?: number;
  sar_segment_seqnum?: number;
  message_payload?: Buffer;
}

/**
 * Builds the submit_sm PDUs of one message: one per part with a UDH (`05 00 03 ref total seq`,
 * esm_class 0x40) or SAR TLVs, or a single PDU with message_payload. data_coding is always set
 * (0 GSM-7 unpacked septets, 8 UCS-2) and the text always goes as bytes, never as a string the
 * `smpp` package would re-encode. `ref` is the concatenation reference (0–255 for UDH, 0–65535
 * for SAR). Pure.
 */
export function buildSubmitPdus(
  message: OutgoingMessage,
  encoded: EncodedMessage,
  options: { long: LongMessageMode; ref: number; serviceType?: string },
): SubmitFields[] {
  const source = sourceAddress(message.from);
  const base = {
    service_type: options.serviceType ?? '',
    source_addr_ton: source.ton,
    source_addr_npi: source.npi,
    source_addr: source.address,
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: message.to.replace(/^\+/, ''),
    esm_class: 0,
    registered_delivery: 1,
    validity_period: message.validUntil ? formatValidity(message.validUntil) : '',
    data_coding: encoded.dataCoding,
    short_message: noBytes,
  };
  const parts = encoded.parts;
  if (parts.length === 1) {
    // Set in place: one submit per message sent, and a spread costs ~3 µs here.
    base.short_message = toBuffer(parts[0]!);
    return [base];
  }
  if (options.long === 'payload') {
    return [{ ...base, short_message: Buffer.alloc(0), message_payload: toBuffer(encoded.whole) }];
  }
  const total = parts.length;
  if (options.long === 'sar') {
    return parts.map((bytes, i) => ({
      ...base,
      short_message: toBuffer(bytes),
      sar_msg_ref_num: options.ref & 0xffff,
      sar_total_segments: total,
      sar_segment_seqnum: i + 1,
    }));
  }
  return parts.map((bytes, i) => ({
    ...base,
    esm_class: 0x40,
    short_message: Buffer.concat([Buffer.from([5, 0, 3, options.ref & 0xff, total, i + 1]), bytes]),
  }));
}

/**
 * Source TON/NPI: an alphanumeric sender 5/0; a number written in E.164 ('+' and 8–15 digits)
 * international 1/1 without '+'; any other all-digit sender (French short codes such as 36180,
 * 38xxx) network-specific 3/0 — see docs/decisions/transports.md.
 */
export function sourceAddress(from: string): { ton: number; npi: number; address: string } {
  if (/^\+\d{8,15}$/.test(from)) return { ton: 1, npi: 1, address: from.slice(1) };
  if (/^\d+$/.test(from)) return { ton: 3, npi: 0, address: from };
  return { ton: 5, npi: 0, address: from };
}

/** SMPP 3.4 absolute time `YYMMDDhhmmsstnnp` in UTC: tenths 0, offset 00, '+'. */
export function formatValidity(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(at.getUTCFullYear() % 100) +
    two(at.getUTCMonth() + 1) +
    two(at.getUTCDate()) +
    two(at.getUTCHours()) +
    two(at.getUTCMinutes()) +
    two(at.getUTCSeconds()) +
    '000+'
  );
}

const noBytes: Buffer = Buffer.alloc(0);

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
