import { z } from 'zod';
import { encodeParts } from '../core/message/encode-parts.ts';
import {
  type InboundListener,
  type InboundRequest,
  type InboundResponse,
  startInboundListener,
} from './inbound-listener.ts';
import { signWebhook, verifyWebhook, webhookHeaders } from './sign-webhook.ts';
import {
  type InboundHandler,
  receiptStatuses,
  type SendResult,
  type Transport,
} from './transport.ts';

export interface WebhookOptions {
  /** The provider's endpoint (https, or http on loopback). */
  readonly url: string;
  /** Shared secret for HMAC-SHA256 signatures, both ways. */
  readonly secret: string;
  readonly onInbound: InboundHandler;
  /** Where to listen for the provider's signed callbacks; omit to mount `handleInbound` elsewhere. */
  readonly listen?: { readonly host: string; readonly port: number };
  readonly timeoutMs?: number;
  /** Seconds a callback's timestamp may differ from now (default 300). */
  readonly toleranceSeconds?: number;
}

export interface WebhookTransport extends Transport {
  /** Verifies and handles a provider callback (POST JSON, signed). */
  handleInbound(request: InboundRequest): Promise<InboundResponse>;
  /** The listener's base URL when `listen` was given. */
  readonly inboundUrl: string | undefined;
}

const accepted = z.object({
  id: z.string().min(1),
  partIds: z.array(z.string().min(1)).optional(),
});
const rejected = z.object({ code: z.string().optional() }).passthrough();
const callback = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('receipt'),
    id: z.string().min(1),
    status: z.enum(receiptStatuses),
    error: z.string().optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({
    type: z.literal('reply'),
    from: z.string().min(1),
    to: z.string(),
    text: z.string(),
    id: z.string().optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  }),
]);

/**
 * Generic HTTP provider transport. Each message is a signed JSON POST
 * `{ id, to, from, text, validUntil?, encoding, parts }`. Answers: 2xx `{ id, partIds? }` ->
 * accepted; 429 or 503 -> transient (Retry-After honoured); other 4xx -> permanent
 * `http:STATUS[:code]`; connection refused -> transient `webhook:not_sent`; anything else
 * (5xx, timeout, reset after the request left) throws: the outcome is unknown. Callbacks
 * (receipts and replies) are signed JSON POSTs to `handleInbound`.
 */
export async function createWebhookTransport(options: WebhookOptions): Promise<WebhookTransport> {
  const handleInbound = async (request: InboundRequest): Promise<InboundResponse> => {
    if (request.method !== 'POST') return { status: 405, body: 'POST only' };
    const check = verifyWebhook(
      options.secret,
      {
        timestamp: header(request, webhookHeaders.timestamp),
        signature: header(request, webhookHeaders.signature),
      },
      request.body,
      Math.floor(Date.now() / 1000),
      options.toleranceSeconds,
    );
    if (!check.ok) return { status: 401, body: check.reason };
    let parsed: z.infer<typeof callback>;
    try {
      parsed = callback.parse(JSON.parse(request.body));
    } catch (error) {
      return { status: 400, body: `invalid callback: ${(error as Error).message}` };
    }
    const at = parsed.at ? new Date(parsed.at) : new Date();
    await options.onInbound(
      parsed.type === 'receipt'
        ? {
            kind: 'receipt',
            gatewayId: parsed.id,
            status: parsed.status,
            ...(parsed.error ? { error: parsed.error } : {}),
            at,
          }
        : {
            kind: 'reply',
            from: parsed.from,
            to: parsed.to,
            text: parsed.text,
            at,
            ...(parsed.id ? { gatewayId: parsed.id } : {}),
          },
    );
    return { status: 204 };
  };
  const listener: InboundListener | undefined = options.listen
    ? await startInboundListener(options.listen.host, options.listen.port, handleInbound)
    : undefined;
  let closed = false;
  return {
    kind: 'webhook',
    inboundUrl: listener?.url,
    handleInbound,
    async send(message): Promise<SendResult> {
      if (closed) throw new Error('webhook transport is closed');
      const encoded = encodeParts(message.text);
      const body = JSON.stringify({
        id: message.id,
        to: message.to,
        from: message.from,
        text: message.text,
        ...(message.validUntil ? { validUntil: message.validUntil.toISOString() } : {}),
        encoding: encoded.encoding,
        parts: encoded.parts.length,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [webhookHeaders.timestamp]: String(timestamp),
            [webhookHeaders.signature]: signWebhook(options.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
          return { accepted: false, permanent: false, code: 'webhook:not_sent', unreachable: true };
        }
        throw new Error(
          `webhook: no answer for message ${message.id}: ${(error as Error).message}`,
        );
      }
      const text = await response.text();
      const json = safeJson(text);
      if (response.ok) {
        const ok = accepted.safeParse(json);
        if (!ok.success) {
          throw new Error(`webhook: provider accepted message ${message.id} without an id`);
        }
        return { accepted: true, id: ok.data.id, partIds: ok.data.partIds ?? [ok.data.id] };
      }
      const code = rejected.safeParse(json).data?.code;
      const full = `http:${response.status}${code ? `:${code}` : ''}`;
      if (response.status === 429 || response.status === 503) {
        const retry = Number(response.headers.get('retry-after'));
        return {
          accepted: false,
          permanent: false,
          code: full,
          ...(Number.isFinite(retry) && retry > 0 ? { retryAfterMs: retry * 1000 } : {}),
        };
      }
      if (response.status >= 400 && response.status < 500) {
        return { accepted: false, permanent: true, code: full };
      }
      throw new Error(`webhook: provider answered ${response.status} for message ${message.id}`);
    },
    async close() {
      closed = true;
      await listener?.close();
    },
  };
}

function header(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
