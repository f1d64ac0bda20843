import { encodeParts } from '../core/message/encode-parts.ts';
import {
  type InboundListener,
  type InboundRequest,
  type InboundResponse,
  startInboundListener,
} from './inbound-listener.ts';
import { parseReceiptText } from './parse-receipt-text.ts';
import type { KannelSpec } from './parse-transport-url.ts';
import type { InboundHandler, ReceiptStatus, SendResult, Transport } from './transport.ts';

export interface KannelOptions extends Omit<KannelSpec, 'kind'> {
  readonly onInbound: InboundHandler;
  /** Where Texto listens for Kannel's dlr-url and get-url calls; omit to mount `handleInbound`. */
  readonly listen?: { readonly host: string; readonly port: number };
  /** The base URL Kannel must call (defaults to the listener's URL). */
  readonly callbackBaseUrl?: string;
  readonly timeoutMs?: number;
}

export interface KannelTransport extends Transport {
  /** Handles `GET /kannel/dlr?…` (dlr-url) and `GET /kannel/mo?…` (sms-service get-url). */
  handleInbound(request: InboundRequest): Promise<InboundResponse>;
  readonly inboundUrl: string | undefined;
}

/** Kannel's %d: 1 delivered, 2 undeliverable, 4 buffered at the SMSC, 8 SMSC ack, 16 SMSC nack. */
const dlrTypes: Readonly<Record<string, ReceiptStatus>> = {
  '1': 'delivered',
  '2': 'undeliverable',
  '4': 'enroute',
  '8': 'accepted',
  '16': 'rejected',
};

/**
 * The Kannel transport: one HTTP GET to smsbox's `sendsms` per message, with coding=0 (GSM-7)
 * or 2 (UCS-2) chosen by Texto's composer, charset=UTF-8, dlr-mask=31 and a dlr-url that
 * carries Texto's message id (Kannel gives no id at submit time, so the message id is the
 * gateway id). Kannel concatenates long messages itself: one id per message. Receipts and MO
 * replies arrive as GET requests on `handleInbound`; the MO get-url to configure in Kannel is
 * `<base>/kannel/mo?from=%p&to=%P&bin=%b&coding=%c&charset=%C&ts=%T` (docs/operations-gateways.md).
 */
export async function createKannelTransport(options: KannelOptions): Promise<KannelTransport> {
  const handleInbound = async (request: InboundRequest): Promise<InboundResponse> => {
    const url = new URL(request.url, 'http://kannel.invalid');
    const q = url.searchParams;
    if (url.pathname.endsWith('/kannel/dlr')) {
      const id = q.get('id');
      const type = q.get('type') ?? '';
      if (!id) return { status: 400, body: 'missing id' };
      const reply = parseReceiptText(q.get('reply') ?? '');
      const error = reply.err && !/^0+$/.test(reply.err) ? reply.err : undefined;
      await options.onInbound({
        kind: 'receipt',
        gatewayId: Buffer.from(id, 'base64url').toString('utf8'),
        status: dlrTypes[type] ?? 'unknown',
        ...(error ? { error } : {}),
        at: unixTime(q.get('ts')) ?? new Date(),
      });
      return { status: 200 };
    }
    if (url.pathname.endsWith('/kannel/mo')) {
      const from = q.get('from');
      if (!from) return { status: 400, body: 'missing from' };
      await options.onInbound({
        kind: 'reply',
        from: toE164(from),
        to: q.get('to') ?? '',
        text: decodeMo(request.url, q),
        at: unixTime(q.get('ts')) ?? new Date(),
      });
      return { status: 200, body: '' };
    }
    return { status: 404, body: 'not found' };
  };
  const listener: InboundListener | undefined = options.listen
    ? await startInboundListener(options.listen.host, options.listen.port, handleInbound)
    : undefined;
  const base = options.callbackBaseUrl ?? listener?.url;
  if (!base) throw new Error('kannel transport needs listen or callbackBaseUrl for receipts');
  let closed = false;
  return {
    kind: 'kannel',
    inboundUrl: listener?.url,
    handleInbound,
    async send(message): Promise<SendResult> {
      if (closed) throw new Error('kannel transport is closed');
      const encoded = encodeParts(message.text);
      const id = Buffer.from(message.id, 'utf8').toString('base64url');
      const url = new URL(options.sendUrl);
      const params: Record<string, string> = {
        username: options.username,
        password: options.password,
        from: message.from,
        to: message.to,
        text: message.text,
        charset: 'UTF-8',
        coding: encoded.dataCoding === 8 ? '2' : '0',
        'dlr-mask': '31',
        'dlr-url': `${base}/kannel/dlr?id=${id}&type=%d&ts=%T&reply=%A`,
      };
      if (message.validUntil) {
        const minutes = Math.floor((message.validUntil.getTime() - Date.now()) / 60_000);
        if (minutes < 1) return { accepted: false, permanent: true, code: 'kannel:window_closed' };
        params.validity = String(minutes);
      }
      if (options.smsc) params.smsc = options.smsc;
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (code === 'ECONNREFUSED') {
          return { accepted: false, permanent: false, code: 'kannel:not_sent', unreachable: true };
        }
        throw new Error(`kannel: no answer for message ${message.id}: ${(error as Error).message}`);
      }
      const body = (await response.text()).trim();
      if (response.status === 202 || response.status === 200) {
        return { accepted: true, id: message.id, partIds: [message.id] };
      }
      if (response.status === 503) {
        return { accepted: false, permanent: false, code: `kannel:503:${body}` };
      }
      if (response.status >= 400 && response.status < 500) {
        return { accepted: false, permanent: true, code: `kannel:${response.status}:${body}` };
      }
      throw new Error(`kannel: sendsms answered ${response.status} for message ${message.id}`);
    },
    async close() {
      closed = true;
      await listener?.close();
    },
  };
}

/**
 * The MO text from `bin=%b` (the raw message bytes, URL-encoded) read by `coding=%c`: UCS-2
 * (2) as UTF-16BE; otherwise Kannel has already converted 7-bit text to its charset (%C,
 * UTF-8 unless said otherwise). Without `bin`, falls back to `text=`.
 */
function decodeMo(rawUrl: string, q: URLSearchParams): string {
  const bin = /[?&]bin=([^&]*)/.exec(rawUrl)?.[1];
  if (bin === undefined) return q.get('text') ?? '';
  const bytes = percentDecodeBytes(bin);
  const coding = q.get('coding');
  const charset = (q.get('charset') ?? '').toUpperCase();
  if (coding === '2' || charset.startsWith('UTF-16') || charset === 'UCS-2') {
    const even = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    return even.swap16().toString('utf16le');
  }
  if (charset === 'ISO-8859-1' || charset === 'WINDOWS-1252') return bytes.toString('latin1');
  return bytes.toString('utf8');
}

function percentDecodeBytes(value: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i]!;
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') {
      out.push(0x20);
    } else {
      out.push(c.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(out);
}

function toE164(number: string): string {
  const n = number.replace(/^00/, '+');
  return n.startsWith('+') || !/^[1-9]\d{7,14}$/.test(n) ? n : `+${n}`;
}

function unixTime(value: string | null): Date | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  return new Date(Number(value) * 1000);
}
