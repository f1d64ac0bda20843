import { createKannelTransport } from './kannel.ts';
import type { TransportSpec } from './parse-transport-url.ts';
import { createSimulatorTransport } from './simulator.ts';
import { createSmppTransport } from './smpp-transport.ts';
import type { InboundHandler, Transport } from './transport.ts';
import { createWebhookTransport } from './webhook.ts';

export interface TransportWiring {
  readonly onInbound: InboundHandler;
  /** Where the HTTP transports (Kannel, webhook) listen for callbacks. */
  readonly inbound?: { readonly host: string; readonly port: number };
  /** The URL Kannel must call back, when it differs from the listener's (proxy, container). */
  readonly callbackBaseUrl?: string;
  /** The webhook transport's HMAC secret. */
  readonly webhookSecret?: string;
  readonly log?: (line: string) => void;
}

/**
 * Builds the transport a parsed TEXTO_TRANSPORT names. The caller (the composition root or the
 * dispatcher) owns the result and closes it. Options come from the caller, never from config.
 */
export async function createTransport(
  spec: TransportSpec,
  wiring: TransportWiring,
): Promise<Transport> {
  switch (spec.kind) {
    case 'simulator':
      return createSimulatorTransport({
        onInbound: wiring.onInbound,
        stopRate: 0.02,
        failureRate: 0.03,
      });
    case 'smpp':
      return createSmppTransport({
        ...spec,
        onInbound: wiring.onInbound,
        ...(wiring.log ? { log: wiring.log } : {}),
      });
    case 'kannel':
      return createKannelTransport({
        ...spec,
        onInbound: wiring.onInbound,
        ...(wiring.inbound ? { listen: wiring.inbound } : {}),
        ...(wiring.callbackBaseUrl ? { callbackBaseUrl: wiring.callbackBaseUrl } : {}),
      });
    case 'webhook':
      if (!wiring.webhookSecret) throw new Error('webhook transport needs a signing secret');
      return createWebhookTransport({
        url: spec.url,
        secret: wiring.webhookSecret,
        onInbound: wiring.onInbound,
        ...(wiring.inbound ? { listen: wiring.inbound } : {}),
      });
  }
}
