import smpp, { type Pdu } from 'smpp';

/** The submit_sm fields Texto sets (build-submit-pdus.ts); TLVs send through the package. */
interface SubmitSmFields {
  readonly service_type?: string;
  readonly source_addr_ton?: number;
  readonly source_addr_npi?: number;
  readonly source_addr?: string;
  readonly dest_addr_ton?: number;
  readonly dest_addr_npi?: number;
  readonly destination_addr?: string;
  readonly esm_class?: number;
  readonly registered_delivery?: number;
  readonly validity_period?: string;
  readonly data_coding?: number;
  readonly short_message?: Buffer;
  readonly [field: string]: unknown;
}

/** The fields this encoder writes; any other (a TLV such as sar_msg_ref_num) → the package. */
const encodable = new Set([
  'service_type',
  'source_addr_ton',
  'source_addr_npi',
  'source_addr',
  'dest_addr_ton',
  'dest_addr_npi',
  'destination_addr',
  'esm_class',
  'registered_delivery',
  'validity_period',
  'data_coding',
  'short_message',
]);

const header = 16;
const asciiOnly = /^[\x20-\x7e]*$/;

/**
 * A submit_sm written straight into its bytes (SMPP 3.4 §4.4.1), without the `smpp` package's
 * per-field filters and PDU object (measured: ~1 µs instead of ~7 µs per submit_sm). It
 * passes through `Session.send` as any PDU: the session numbers it, then asks for its bytes.
 * Only the plain case (mandatory fields, printable ASCII addresses, a Buffer of at most 254
 * bytes); anything else gets the package's PDU, byte for byte the same (tested).
 */
export function encodeSubmitSm(fields: SubmitSmFields): Pdu {
  const fast = fastSubmitSm(fields);
  return fast ?? new smpp.PDU('submit_sm', fields as Record<string, unknown>);
}

function fastSubmitSm(f: SubmitSmFields): Pdu | null {
  for (const key in f) if (!encodable.has(key)) return null;
  const serviceType = f.service_type ?? '';
  const source = f.source_addr ?? '';
  const destination = f.destination_addr ?? '';
  const validity = f.validity_period ?? '';
  const message = f.short_message ?? Buffer.alloc(0);
  if (!Buffer.isBuffer(message) || message.length > 254) return null;
  // The package reads a short validity (≤ 12 characters) as relative: left to it.
  if (typeof f.data_coding !== 'number' || (validity !== '' && validity.length <= 12)) return null;
  if (
    !asciiOnly.test(serviceType) ||
    !asciiOnly.test(source) ||
    !asciiOnly.test(destination) ||
    !asciiOnly.test(validity)
  ) {
    return null;
  }
  const length =
    header +
    serviceType.length +
    1 +
    2 +
    source.length +
    1 +
    2 +
    destination.length +
    1 +
    3 + // esm_class, protocol_id, priority_flag
    1 + // schedule_delivery_time (empty)
    validity.length +
    1 +
    4 + // registered_delivery, replace_if_present_flag, data_coding, sm_default_msg_id
    1 +
    message.length;
  const bytes = Buffer.allocUnsafe(length);
  bytes.writeUInt32BE(length, 0);
  bytes.writeUInt32BE(0x00000004, 4);
  bytes.writeUInt32BE(0, 8);
  // Plain writes, no closures: tsx names every closure it creates (a defineProperty per call).
  let at = writeCString(bytes, header, serviceType);
  bytes[at++] = (f.source_addr_ton ?? 0) & 0xff;
  bytes[at++] = (f.source_addr_npi ?? 0) & 0xff;
  at = writeCString(bytes, at, source);
  bytes[at++] = (f.dest_addr_ton ?? 0) & 0xff;
  bytes[at++] = (f.dest_addr_npi ?? 0) & 0xff;
  at = writeCString(bytes, at, destination);
  bytes[at++] = (f.esm_class ?? 0) & 0xff;
  bytes[at++] = 0; // protocol_id
  bytes[at++] = 0; // priority_flag
  bytes[at++] = 0; // schedule_delivery_time: empty (now)
  at = writeCString(bytes, at, validity);
  bytes[at++] = (f.registered_delivery ?? 0) & 0xff;
  bytes[at++] = 0; // replace_if_present_flag
  bytes[at++] = f.data_coding & 0xff;
  bytes[at++] = 0; // sm_default_msg_id
  bytes[at++] = message.length;
  message.copy(bytes, at);
  return new PreEncodedPdu('submit_sm', 0x00000004, bytes, 0);
}

/** Writes `text` (printable ASCII) and its NUL; returns the offset after it. */
function writeCString(bytes: Buffer, at: number, text: string): number {
  const end = at + bytes.write(text, at, 'latin1');
  bytes[end] = 0;
  return end + 1;
}

/**
 * The deliver_sm_resp of a deliver_sm without building a PDU object through the package: header
 * and an empty message_id, or the header alone for an error status (as the package writes it).
 */
export function encodeDeliverSmResp(deliver: Pdu, status: number): Pdu {
  const length = status === 0 ? 17 : 16;
  const bytes = Buffer.alloc(length);
  bytes.writeUInt32BE(length, 0);
  bytes.writeUInt32BE(0x80000005, 4);
  bytes.writeUInt32BE(status >>> 0, 8);
  return new PreEncodedPdu('deliver_sm_resp', 0x80000005, bytes, deliver.sequence_number, status);
}

/**
 * A PDU whose bytes are ready; the sequence number is written when the session asks for them.
 * A class, not an object literal of closures: one is made per PDU sent.
 */
class PreEncodedPdu implements Pdu {
  [field: string]: unknown;
  constructor(
    readonly command: string,
    readonly command_id: number,
    private readonly bytes: Buffer,
    public sequence_number: number,
    readonly command_status = 0,
  ) {}

  isResponse(): boolean {
    return (this.command_id & 0x80000000) !== 0;
  }

  response(): Pdu {
    throw new Error(`${this.command}: a pre-encoded PDU has no response`);
  }

  toBuffer(): Buffer {
    this.bytes.writeUInt32BE(this.sequence_number >>> 0, 12);
    return this.bytes;
  }
}
