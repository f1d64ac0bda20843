import type { AddressInfo } from 'node:net';
import smpp, { type Pdu, type Session } from 'smpp';
import { encodeParts } from '../core/message/encode-parts.ts';
import { formatReceiptText } from './format-receipt-text.ts';
import { createSeededRandom } from './seeded-random.ts';
import { keepRawSmppBytes } from './smpp-raw-bytes.ts';
import { readSubmitRecord, type SubmitRecord } from './smsc-submit-record.ts';

export interface SmscServerOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** When set, binds must match them (else ESME_RBINDFAIL 0x0D). */
  readonly systemId?: string;
  readonly password?: string;
  /** Delay before the receipt of an accepted part; 0 sends it right after the response. */
  readonly dlrDelayMs?: number;
  /** Share of receipts that say UNDELIV instead of DELIVRD. */
  readonly dlrFailureRate?: number;
  /** Share of receipts never sent. */
  readonly dropReceiptRate?: number;
  /** `hex-dec`: ids answered in hex, receipt texts in zero-padded decimal; `same`: decimal both. */
  readonly receiptIds?: 'same' | 'hex-dec';
  /** Put receipted_message_id and message_state TLVs in receipts (default true). */
  readonly receiptTlv?: boolean;
  /** Share of delivered messages whose recipient then replies STOP. */
  readonly stopRate?: number;
  readonly throttleRate?: number;
  readonly queueFullRate?: number;
  /** Destination digits (no '+') answered with this command_status. */
  readonly rejectDestinations?: Readonly<Record<string, number>>;
  /** Destination digits answered with a generic_nack (status 0x03) instead of a submit_sm_resp. */
  readonly nackDestinations?: readonly string[];
  /** Delay of every submit_sm_resp (a slow SMSC). */
  readonly responseDelayMs?: number;
  /** Close each connection right after answering its N-th submit_sm. */
  readonly closeAfterSubmits?: number;
  /** Keep every submit in `submits` (default true; off for long-running use). */
  readonly record?: boolean;
  readonly seed?: number;
  readonly onSubmit?: (record: SubmitRecord) => void;
}

export interface SmscStats {
  binds: number;
  unbinds: number;
  submits: number;
  accepted: number;
  throttled: number;
  queueFull: number;
  rejected: number;
  receiptsSent: number;
  receiptsDropped: number;
  receiptsAcked: number;
  repliesSent: number;
  enquireLinks: number;
  /** Most submit_sm received but not yet answered on one connection. */
  maxOutstanding: number;
}

export interface SmscServer {
  readonly host: string;
  readonly port: number;
  readonly submits: readonly SubmitRecord[];
  readonly stats: Readonly<SmscStats>;
  /** Sends an MO from a mobile to a bound receiver; false when none is bound. */
  sendReply(from: string, to: string, text: string, dataCoding?: number): boolean;
  close(): Promise<void>;
}

interface Conn {
  readonly n: number;
  readonly session: Session;
  systemId: string;
  canReceive: boolean;
  submits: number;
  unanswered: number;
  dead: boolean;
}

/**
 * Texto's simulator SMSC: an SMPP 3.4 server on loopback built on `smpp.createServer`. It
 * accepts binds, answers submit_sm with ids, sends a receipt per accepted part and STOP replies,
 * and has fault knobs (throttling, queue full, slow answers, dropped links and receipts). It
 * records what it received, byte for byte, for tests.
 */
export async function startSmscServer(options: SmscServerOptions = {}): Promise<SmscServer> {
  keepRawSmppBytes();
  const random = createSeededRandom(options.seed ?? 42);
  const submits: SubmitRecord[] = [];
  const stats: SmscStats = {
    binds: 0,
    unbinds: 0,
    submits: 0,
    accepted: 0,
    throttled: 0,
    queueFull: 0,
    rejected: 0,
    receiptsSent: 0,
    receiptsDropped: 0,
    receiptsAcked: 0,
    repliesSent: 0,
    enquireLinks: 0,
    maxOutstanding: 0,
  };
  const conns = new Set<Conn>();
  const pending: Array<{ systemId: string; fields: Record<string, unknown> }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 0x10000;
  let connections = 0;

  function later(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function deliver(systemId: string, fields: Record<string, unknown>, prefer?: Conn): boolean {
    const target =
      prefer && !prefer.dead && prefer.canReceive
        ? prefer
        : [...conns].find((c) => !c.dead && c.canReceive && c.systemId === systemId);
    if (!target) {
      pending.push({ systemId, fields });
      return false;
    }
    target.session.send(new smpp.PDU('deliver_sm', fields), (resp) => {
      if (resp.command_status === 0) stats.receiptsAcked += 1;
    });
    return true;
  }

  function onBind(conn: Conn, pdu: Pdu, canReceive: boolean): void {
    const ok =
      (options.systemId === undefined || pdu.system_id === options.systemId) &&
      (options.password === undefined || pdu.password === options.password);
    if (!ok) {
      conn.session.send(pdu.response({ command_status: 0x0d }));
      return;
    }
    stats.binds += 1;
    conn.systemId = String(pdu.system_id);
    conn.canReceive = canReceive;
    conn.session.send(pdu.response({ system_id: 'TEXTOSIM' }));
    if (!canReceive) return;
    for (const p of pending.splice(0)) deliver(p.systemId, p.fields);
  }

  function onSubmit(conn: Conn, pdu: Pdu): void {
    if (conn.dead) return;
    stats.submits += 1;
    conn.submits += 1;
    const destination = String(pdu.destination_addr ?? '');
    if (options.nackDestinations?.includes(destination)) {
      stats.rejected += 1;
      conn.session.send(
        new smpp.PDU('generic_nack', {
          sequence_number: pdu.sequence_number,
          command_status: 0x03,
        }),
      );
      return;
    }
    const roll = random();
    const rejected = options.rejectDestinations?.[destination];
    const status =
      rejected ??
      (roll < (options.throttleRate ?? 0)
        ? 0x58
        : roll < (options.throttleRate ?? 0) + (options.queueFullRate ?? 0)
          ? 0x14
          : 0);
    const id = status === 0 ? nextId++ : undefined;
    const messageId =
      id === undefined
        ? undefined
        : options.receiptIds === 'hex-dec'
          ? id.toString(16).toUpperCase()
          : String(id);
    if (status === 0) stats.accepted += 1;
    else if (status === 0x58) stats.throttled += 1;
    else if (status === 0x14) stats.queueFull += 1;
    else stats.rejected += 1;
    const record = readSubmitRecord(conn, pdu, status, messageId);
    if (options.record !== false) submits.push(record);
    options.onSubmit?.(record);
    conn.unanswered += 1;
    stats.maxOutstanding = Math.max(stats.maxOutstanding, conn.unanswered);
    const closeNow =
      options.closeAfterSubmits !== undefined && conn.submits >= options.closeAfterSubmits;
    if (closeNow) conn.dead = true;
    later(options.responseDelayMs ?? 0, () => {
      conn.unanswered -= 1;
      conn.session.send(
        status === 0
          ? pdu.response({ message_id: messageId })
          : pdu.response({ command_status: status }),
      );
      if (closeNow) conn.session.close();
      if (id !== undefined && pdu.registered_delivery)
        later(options.dlrDelayMs ?? 0, () => receipt(conn, record, id));
    });
  }

  function receipt(conn: Conn, record: SubmitRecord, id: number): void {
    if (random() < (options.dropReceiptRate ?? 0)) {
      stats.receiptsDropped += 1;
      return;
    }
    const delivered = random() >= (options.dlrFailureRate ?? 0);
    const textId = options.receiptIds === 'hex-dec' ? String(id).padStart(10, '0') : String(id);
    const text = formatReceiptText(textId, delivered, new Date());
    const tlv = options.receiptTlv !== false;
    stats.receiptsSent += 1;
    deliver(
      record.systemId,
      {
        source_addr_ton: record.destTon,
        source_addr_npi: record.destNpi,
        source_addr: record.destination,
        dest_addr_ton: record.sourceTon,
        dest_addr_npi: record.sourceNpi,
        destination_addr: record.source,
        esm_class: 0x04,
        data_coding: 0,
        short_message: Buffer.from(text, 'latin1'),
        ...(tlv
          ? { receipted_message_id: record.messageId, message_state: delivered ? 2 : 5 }
          : {}),
      },
      conn,
    );
    if (delivered && random() < (options.stopRate ?? 0)) {
      sendReply(`+${record.destination}`, record.source, 'STOP', undefined, record.systemId);
    }
  }

  function sendReply(
    from: string,
    to: string,
    text: string,
    dataCoding?: number,
    systemId?: string,
  ) {
    const encoded = dataCoding === undefined ? encodeParts(text) : undefined;
    const bytes = encoded ? Buffer.from(encoded.whole) : encodeAs(text, dataCoding ?? 0);
    const target = systemId ?? [...conns].find((c) => !c.dead && c.canReceive)?.systemId;
    if (target === undefined) return false;
    stats.repliesSent += 1;
    return deliver(target, {
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: from.replace(/^\+/, ''),
      destination_addr: to,
      esm_class: 0,
      data_coding: encoded ? encoded.dataCoding : (dataCoding ?? 0),
      short_message: bytes,
    });
  }

  const server = smpp.createServer({}, (session) => {
    connections += 1;
    const conn: Conn = {
      n: connections,
      session,
      systemId: '',
      canReceive: false,
      submits: 0,
      unanswered: 0,
      dead: false,
    };
    conns.add(conn);
    session.socket.setNoDelay(true);
    session.on('error', () => {});
    session.on('close', () => {
      conn.dead = true;
      conns.delete(conn);
    });
    session.on('bind_transceiver', (pdu: Pdu) => onBind(conn, pdu, true));
    session.on('bind_transmitter', (pdu: Pdu) => onBind(conn, pdu, false));
    session.on('bind_receiver', (pdu: Pdu) => onBind(conn, pdu, true));
    session.on('submit_sm', (pdu: Pdu) => onSubmit(conn, pdu));
    session.on('enquire_link', (pdu: Pdu) => {
      stats.enquireLinks += 1;
      session.send(pdu.response());
    });
    session.on('unbind', (pdu: Pdu) => {
      stats.unbinds += 1;
      conn.dead = true;
      session.send(pdu.response(), () => session.close());
    });
    session.on('unknown', (pdu: Pdu) => session.send(pdu.response()));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    submits,
    stats,
    sendReply: (from, to, text, dataCoding) => sendReply(from, to, text, dataCoding),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const c of conns) c.session.destroy();
      });
      return closing;
    },
  };
}

function encodeAs(text: string, dataCoding: number): Buffer {
  if (dataCoding === 8) return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, dataCoding === 1 ? 'ascii' : 'latin1');
}
