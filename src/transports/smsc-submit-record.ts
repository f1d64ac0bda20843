import type { Pdu } from 'smpp';

/** One submit_sm as the simulator SMSC received it, bytes untouched (for tests and `texto smsc`). */
export interface SubmitRecord {
  readonly connection: number;
  readonly systemId: string;
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  readonly destination: string;
  readonly destTon: number;
  readonly destNpi: number;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly registeredDelivery: number;
  readonly validityPeriod: unknown;
  readonly shortMessage: Buffer;
  readonly messagePayload?: Buffer;
  readonly sar?: { readonly ref: number; readonly total: number; readonly seq: number };
  readonly status: number;
  readonly messageId?: string;
}

/** Reads a decoded submit_sm (raw short_message bytes) into a record. */
export function readSubmitRecord(
  connection: { readonly n: number; readonly systemId: string },
  pdu: Pdu,
  status: number,
  messageId: string | undefined,
): SubmitRecord {
  const sar =
    pdu.sar_msg_ref_num !== undefined
      ? {
          ref: Number(pdu.sar_msg_ref_num),
          total: Number(pdu.sar_total_segments),
          seq: Number(pdu.sar_segment_seqnum),
        }
      : undefined;
  return {
    connection: connection.n,
    systemId: connection.systemId,
    source: String(pdu.source_addr ?? ''),
    sourceTon: Number(pdu.source_addr_ton),
    sourceNpi: Number(pdu.source_addr_npi),
    destination: String(pdu.destination_addr ?? ''),
    destTon: Number(pdu.dest_addr_ton),
    destNpi: Number(pdu.dest_addr_npi),
    esmClass: Number(pdu.esm_class),
    dataCoding: Number(pdu.data_coding),
    registeredDelivery: Number(pdu.registered_delivery),
    validityPeriod: pdu.validity_period,
    shortMessage: Buffer.from(pdu.short_message as Buffer),
    ...(pdu.message_payload ? { messagePayload: Buffer.from(pdu.message_payload as Buffer) } : {}),
    ...(sar ? { sar } : {}),
    status,
    ...(messageId ? { messageId } : {}),
  };
}
