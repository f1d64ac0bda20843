import { decodeShortMessage } from './decode-short-message.ts';
import { normaliseMessageId } from './normalise-message-id.ts';
import { mapMessageState, parseReceiptText } from './parse-receipt-text.ts';
import type { MessageIdFormat } from './parse-transport-url.ts';
import type { InboundEvent } from './transport.ts';

/** The deliver_sm fields Texto reads, as the `smpp` package decodes them (raw byte fields). */
export interface DeliverSmFields {
  readonly source_addr?: string;
  readonly source_addr_ton?: number;
  readonly destination_addr?: string;
  readonly esm_class?: number;
  readonly data_coding?: number;
  readonly short_message?: Buffer | Uint8Array;
  readonly message_payload?: Buffer | Uint8Array;
  readonly receipted_message_id?: string;
  readonly message_state?: number;
  readonly network_error_code?: Buffer | Uint8Array;
}

/**
 * Turns a deliver_sm into an inbound event. A delivery receipt (esm_class message type 0x04,
 * or 0x20 intermediate notification) is matched by the receipted_message_id TLV first, else the
 * `id:` of the text, normalised per `ids`; its status is the message_state TLV, else `stat:`.
 * Anything else is an MO reply, decoded by data_coding (UDH stripped when esm_class has 0x40).
 * Returns undefined for a receipt without any id (nothing to match; the caller logs it).
 */
export function readDeliverSm(
  pdu: DeliverSmFields,
  ids: MessageIdFormat,
  now: Date,
): InboundEvent | undefined {
  const esm = pdu.esm_class ?? 0;
  const type = esm & 0x3c;
  const body = bytesOf(pdu);
  if (type === 0x04 || type === 0x20) {
    const text = Buffer.from(body).toString('latin1');
    const parsed = parseReceiptText(text);
    const tlvId = pdu.receipted_message_id?.replace(/\0+$/, '');
    const gatewayId = tlvId
      ? normaliseMessageId(tlvId, ids, 'response')
      : parsed.id
        ? normaliseMessageId(parsed.id, ids, 'receipt-text')
        : undefined;
    if (gatewayId === undefined) return undefined;
    const status =
      pdu.message_state !== undefined
        ? mapMessageState(pdu.message_state)
        : (parsed.stat ?? 'unknown');
    const error = networkError(pdu.network_error_code) ?? nonZero(parsed.err);
    return {
      kind: 'receipt',
      gatewayId,
      status,
      ...(error ? { error } : {}),
      at: parsed.doneAt ?? now,
    };
  }
  const udhLength = esm & 0x40 && body.length > 0 ? body[0]! + 1 : 0;
  return {
    kind: 'reply',
    from: toE164(pdu.source_addr ?? '', pdu.source_addr_ton ?? 0),
    to: pdu.destination_addr ?? '',
    text: decodeShortMessage(body.subarray(udhLength), pdu.data_coding ?? 0),
    at: now,
  };
}

function bytesOf(pdu: DeliverSmFields): Uint8Array {
  const payload = pdu.message_payload;
  if (payload && payload.length > 0) return payload;
  return pdu.short_message ?? new Uint8Array(0);
}

/** International (TON 1) or a bare 8–15-digit number not starting with 0 gets a '+'. */
function toE164(address: string, ton: number): string {
  if (address.startsWith('+')) return address;
  if (ton === 1 || /^[1-9]\d{7,14}$/.test(address)) return `+${address}`;
  return address;
}

/** network_error_code TLV: 1 octet network type + 2 octets error code. */
function networkError(value: Uint8Array | undefined): string | undefined {
  if (!value || value.length < 3) return undefined;
  const code = (value[1]! << 8) | value[2]!;
  return code === 0 ? undefined : `${value[0]}:${code}`;
}

function nonZero(err: string | undefined): string | undefined {
  return err === undefined || /^0+$/.test(err) ? undefined : err;
}
