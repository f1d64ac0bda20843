import { parseTransportUrl } from '../transports/parse-transport-url.ts';

/**
 * What the settings screen may show of the process's transport (TEXTO_TRANSPORT): kind,
 * where it connects and how fast. Built field by field from the parsed spec so that no
 * password, SMPP system id, Kannel user name or webhook path/query (often a token) can leak.
 */
export interface TransportView {
  readonly kind: 'simulator' | 'smpp' | 'kannel' | 'webhook';
  readonly host: string | null;
  readonly port: number | null;
  /** SMPP only: parts per second, binds, submit window, long-message mode, bind mode, TLS. */
  readonly tps: number | null;
  readonly binds: number | null;
  readonly window: number | null;
  readonly longMessages: 'udh' | 'sar' | 'payload' | null;
  readonly bindMode: 'transceiver' | 'transmitter-receiver' | null;
  readonly tls: boolean;
}

const none = { host: null, port: null, tps: null, binds: null, window: null } as const;

export function describeTransport(transport: string): TransportView {
  const spec = parseTransportUrl(transport);
  switch (spec.kind) {
    case 'simulator':
      return { kind: 'simulator', ...none, longMessages: null, bindMode: null, tls: false };
    case 'smpp':
      return {
        kind: 'smpp',
        host: spec.host,
        port: spec.port,
        tps: spec.tps,
        binds: spec.binds,
        window: spec.window,
        longMessages: spec.long,
        bindMode: spec.bindMode,
        tls: spec.tls,
      };
    case 'kannel':
      return { kind: 'kannel', ...hostOf(spec.sendUrl), ...rest };
    case 'webhook':
      return { kind: 'webhook', ...hostOf(spec.url), ...rest };
  }
}

const rest = { tps: null, binds: null, window: null, longMessages: null, bindMode: null };

function hostOf(href: string): { host: string; port: number; tls: boolean } {
  const url = new URL(href);
  const tls = url.protocol === 'https:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : tls ? 443 : 80,
    tls,
  };
}

/**
 * The transport as start-up lines print it: kind, host, port and rate, never a credential
 * (these lines end up in log collectors).
 */
export function shownTransport(transport: string): string {
  const view = describeTransport(transport);
  if (view.host === null) return view.kind;
  const tps = view.tps === null ? '' : `, ${view.tps} parts/s`;
  return `${view.kind}${view.tls ? ' (TLS)' : ''} ${view.host}:${view.port}${tps}`;
}
