import { DomainError } from '../core/domain-error.ts';

export const longMessageModes = ['udh', 'sar', 'payload'] as const;
export type LongMessageMode = (typeof longMessageModes)[number];

/**
 * How the gateway writes message ids: `same` (compared as text, case and leading zeros
 * ignored), or `hex-dec` / `dec-hex` (submit_sm_resp and receipted_message_id in the first
 * base, the receipt text's `id:` in the second), like Kannel's msg-id-type.
 */
export const messageIdFormats = ['same', 'hex-dec', 'dec-hex', 'hex-hex', 'dec-dec'] as const;
export type MessageIdFormat = (typeof messageIdFormats)[number];

export interface SmppSpec {
  readonly kind: 'smpp';
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  readonly tps: number;
  readonly window: number;
  readonly binds: number;
  readonly long: LongMessageMode;
  readonly bindMode: 'transceiver' | 'transmitter-receiver';
  readonly ids: MessageIdFormat;
  readonly tls: boolean;
}

export interface KannelSpec {
  readonly kind: 'kannel';
  /** The sendsms URL without username and password. */
  readonly sendUrl: string;
  readonly username: string;
  readonly password: string;
  readonly smsc?: string;
}

export interface WebhookSpec {
  readonly kind: 'webhook';
  readonly url: string;
}

export type TransportSpec = SmppSpec | KannelSpec | WebhookSpec | { readonly kind: 'simulator' };

const smppDefaults = { tps: 100, window: 10, binds: 1 } as const;

/**
 * Parses TEXTO_TRANSPORT: `simulator`, `smpp://SYSTEM_ID:PASSWORD@HOST:PORT?tps=N&window=N&binds=N&long=udh|sar|payload`
 * (also `bind=trx|tx-rx`, `ids=same|hex-dec|…`, `system_type=`, and `smpps://` for TLS),
 * `kannel+http(s)://HOST:PORT/cgi-bin/sendsms?username=U&password=P[&smsc=S]`, `webhook+https://…`
 * (and `webhook+http://` for loopback). Secrets are never echoed in errors.
 */
export function parseTransportUrl(value: string): TransportSpec {
  const text = value.trim();
  if (text === 'simulator') return { kind: 'simulator' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`transport '${redact(text)}' is not a URL nor 'simulator'`);
  }
  switch (url.protocol) {
    case 'smpp:':
    case 'smpps:':
      return parseSmpp(url);
    case 'kannel+http:':
    case 'kannel+https:':
      return parseKannel(url);
    case 'webhook+https:':
    case 'webhook+http:':
      if (!url.hostname) throw invalid('webhook transport needs a host');
      return { kind: 'webhook', url: text.replace(/^webhook\+/, '') };
    default:
      throw invalid(
        `unknown transport scheme '${url.protocol}' (expected simulator, smpp://, kannel+http://, webhook+https://)`,
      );
  }
}

function parseSmpp(url: URL): SmppSpec {
  const q = url.searchParams;
  const known = ['tps', 'window', 'binds', 'long', 'bind', 'ids', 'system_type'];
  const unknown = [...q.keys()].filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw invalid(`smpp transport: unknown parameter(s) ${unknown.join(', ')}`);
  if (!url.hostname) throw invalid('smpp transport needs a host');
  const systemId = decoded(url.username, 'system id');
  if (!systemId) throw invalid('smpp transport needs a SYSTEM_ID (smpp://SYSTEM_ID:PASSWORD@HOST)');
  if (systemId.length > 15) throw invalid('smpp transport: SYSTEM_ID is at most 15 characters');
  const password = decoded(url.password, 'password');
  if (password.length > 8) throw invalid('smpp transport: PASSWORD is at most 8 characters');
  const long = q.get('long') ?? 'udh';
  if (!longMessageModes.includes(long as LongMessageMode)) {
    throw invalid(`smpp transport: long=${long} (expected udh, sar or payload)`);
  }
  const bind = q.get('bind') ?? 'trx';
  if (bind !== 'trx' && bind !== 'tx-rx') throw invalid(`smpp transport: bind=${bind} (trx|tx-rx)`);
  const ids = q.get('ids') ?? 'same';
  if (!messageIdFormats.includes(ids as MessageIdFormat)) {
    throw invalid(`smpp transport: ids=${ids} (expected ${messageIdFormats.join(', ')})`);
  }
  return {
    kind: 'smpp',
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : url.protocol === 'smpps:' ? 3550 : 2775,
    systemId,
    password,
    systemType: q.get('system_type') ?? '',
    tps: readInt(q, 'tps', smppDefaults.tps, 1, 100_000),
    window: readInt(q, 'window', smppDefaults.window, 1, 1000),
    binds: readInt(q, 'binds', smppDefaults.binds, 1, 64),
    long: long as LongMessageMode,
    bindMode: bind === 'trx' ? 'transceiver' : 'transmitter-receiver',
    ids: ids as MessageIdFormat,
    tls: url.protocol === 'smpps:',
  };
}

function parseKannel(url: URL): KannelSpec {
  const username = url.searchParams.get('username');
  const password = url.searchParams.get('password');
  if (!username || password === null) {
    throw invalid('kannel transport needs ?username=U&password=P on the sendsms URL');
  }
  const smsc = url.searchParams.get('smsc') ?? undefined;
  const send = new URL(url.href.replace(/^kannel\+/, ''));
  send.search = '';
  return {
    kind: 'kannel',
    sendUrl: send.href,
    username,
    password,
    ...(smsc ? { smsc } : {}),
  };
}

function readInt(q: URLSearchParams, name: string, fallback: number, min: number, max: number) {
  const raw = q.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw invalid(`smpp transport: ${name}=${raw} must be an integer from ${min} to ${max}`);
  }
  return n;
}

/** Everything between `//` and the last `@` (a password may hold `/` or `@` unencoded). */
function redact(text: string): string {
  return text.replace(/\/\/.*@/, '//***@').replace(/password=[^&]*/g, 'password=***');
}

/** A percent-encoded part of the URL, or a refusal that names it (never its value). */
function decoded(part: string, name: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalid(`the ${name} has a malformed percent-encoding (write % as %25)`);
  }
}

function invalid(message: string): DomainError {
  return new DomainError('invalid_input', `TEXTO_TRANSPORT: ${message}`);
}
