import { performance } from 'node:perf_hooks';
import smpp, { type Pdu, type Session } from 'smpp';
import { createJobQueue } from './job-queue.ts';
import { createTpsLimiter } from './send-rate-limiter.ts';
import { corkForThisTurn } from './smpp-cork.ts';
import { encodeDeliverSmResp, encodeSubmitSm } from './smpp-encode.ts';
import { keepRawSmppBytes } from './smpp-raw-bytes.ts';

export interface SmppBindOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  readonly tls?: boolean;
  readonly mode: 'transceiver' | 'transmitter' | 'receiver';
  /** Most submit_sm awaiting their response at once. */
  readonly window: number;
  /** Most submit_sm in any 1-second window. */
  readonly tps: number;
  readonly enquireLinkMs: number;
  /** A response (submit_sm_resp, enquire_link_resp) later than this drops the connection. */
  readonly responseTimeoutMs: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  /** Handles a deliver_sm; resolves to the command_status to answer (0 = handled). */
  readonly onDeliver?: (pdu: Pdu) => Promise<number>;
  readonly log: (line: string) => void;
}

/** What became of one submit_sm. `lost`: written but the link died before the response. */
export type SubmitOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly messageId: string }
  | { readonly kind: 'not_sent' }
  | { readonly kind: 'lost' };

interface Job {
  readonly fields: Record<string, unknown>;
  readonly resolve: (outcome: SubmitOutcome) => void;
  sentAt: number;
}

export interface SmppBind {
  readonly bound: boolean;
  readonly outstanding: number;
  /** Resolves true once bound, false after `timeoutMs` or when closed. */
  whenBound(timeoutMs: number): Promise<boolean>;
  submit(fields: Record<string, unknown>): Promise<SubmitOutcome>;
  close(): Promise<void>;
}

const bindCommands = {
  transceiver: 'bind_transceiver',
  transmitter: 'bind_transmitter',
  receiver: 'bind_receiver',
} as const;

/**
 * One SMPP bind that stays up: connects, binds, answers enquire_link and deliver_sm, sends its
 * own enquire_link, reconnects with exponential backoff and jitter, and unbinds cleanly on
 * close. Submissions go through a FIFO queue drained under the window and the rate limit; a
 * submission never written is `not_sent` (safe to retry), one written whose response never
 * came is `lost` (maybe delivered: never retry it automatically).
 */
export function createSmppBind(options: SmppBindOptions): SmppBind {
  keepRawSmppBytes();
  const waitForSlot = createTpsLimiter(options.tps);
  const queue = createJobQueue<Job>();
  const inFlight = new Map<number, Job>();
  const boundWaiters = new Set<(bound: boolean) => void>();
  let session: Session | undefined;
  let state: 'connecting' | 'bound' | 'down' | 'closing' | 'closed' = 'down';
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pumpTimer: NodeJS.Timeout | undefined;
  let tick: NodeJS.Timeout | undefined;
  let lastEnquire = performance.now();
  let enquirePendingSince: number | undefined;
  let closing: Promise<void> | undefined;
  const drained = new Set<() => void>();

  function connect(): void {
    reconnectTimer = undefined;
    if (state === 'closing' || state === 'closed') return;
    state = 'connecting';
    const s = smpp.connect({ host: options.host, port: options.port, tls: options.tls ?? false });
    session = s;
    s.socket.setNoDelay(true);
    const connectTimer = setTimeout(() => s.destroy(), options.responseTimeoutMs);
    s.on('error', (error: Error) => options.log(`smpp ${options.mode}: ${error.message}`));
    s.on('close', () => {
      clearTimeout(connectTimer);
      onClosed(s);
    });
    s.on('connect', () => {
      clearTimeout(connectTimer);
      const bind = new smpp.PDU(bindCommands[options.mode], {
        system_id: options.systemId,
        password: options.password,
        system_type: options.systemType,
        interface_version: 0x34,
      });
      s.send(bind, (resp) => {
        if (session !== s || state !== 'connecting') return;
        if (resp.command_status !== 0) {
          options.log(`smpp ${options.mode}: bind refused, status 0x${hex(resp.command_status)}`);
          s.destroy();
          return;
        }
        state = 'bound';
        attempt = 0;
        lastEnquire = performance.now();
        for (const w of boundWaiters) w(true);
        boundWaiters.clear();
        pump();
      });
    });
    s.on('deliver_sm', (pdu: Pdu) => {
      const handle = options.onDeliver ?? (async () => 0);
      // Receipts committed in one group commit are answered together: one write for all.
      const answer = (status: number) => {
        corkForThisTurn(s.socket);
        s.send(encodeDeliverSmResp(pdu, status));
      };
      handle(pdu).then(answer, (error: unknown) => {
        options.log(`smpp: inbound handler failed: ${(error as Error).message}`);
        answer(0x64);
      });
    });
    s.on('enquire_link', (pdu: Pdu) => s.send(pdu.response()));
    s.on('unbind', (pdu: Pdu) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('unknown', (pdu: Pdu) => s.send(pdu.response()));
    s.on('generic_nack', (pdu: Pdu) => {
      if (!inFlight.has(pdu.sequence_number)) {
        options.log(`smpp: generic_nack 0x${hex(pdu.command_status)} for nothing outstanding`);
      }
    });
  }

  function onClosed(s: Session): void {
    if (session !== s) return;
    session = undefined;
    const lost = [...inFlight.values()];
    inFlight.clear();
    for (const job of lost) job.resolve({ kind: 'lost' });
    for (const job of queue.drain()) job.resolve({ kind: 'not_sent' });
    notifyDrained();
    enquirePendingSince = undefined;
    if (state === 'closing' || state === 'closed') {
      state = 'closed';
      return;
    }
    state = 'down';
    const delay = Math.min(options.reconnectMaxMs, options.reconnectMinMs * 2 ** attempt);
    attempt += 1;
    reconnectTimer = setTimeout(connect, delay * (0.5 + Math.random() / 2));
  }

  function pump(): void {
    const s = session;
    while (queue.length > 0 && state === 'bound' && s && inFlight.size < options.window) {
      const wait = waitForSlot(performance.now());
      if (wait > 0) {
        pumpTimer ??= setTimeout(() => {
          pumpTimer = undefined;
          pump();
        }, Math.ceil(wait));
        return;
      }
      const job = queue.shift()!;
      const pdu = encodeSubmitSm(job.fields);
      // The submits of this turn (one per response that freed a slot) leave in one write.
      corkForThisTurn(s.socket);
      const written = s.send(pdu, (resp) => {
        if (!inFlight.delete(resp.sequence_number)) return;
        job.resolve({
          kind: 'response',
          status: resp.command_status,
          messageId: typeof resp.message_id === 'string' ? resp.message_id : '',
        });
        notifyDrained();
        pump();
      });
      if (!written) {
        job.resolve({ kind: 'not_sent' });
        continue;
      }
      job.sentAt = performance.now();
      inFlight.set(pdu.sequence_number, job);
    }
  }

  function notifyDrained(): void {
    if (inFlight.size > 0) return;
    for (const d of drained) d();
    drained.clear();
  }

  /** Once a second: enquire_link when due, and drop a link whose answers stopped coming. */
  function onTick(): void {
    if (state !== 'bound' || !session) return;
    const now = performance.now();
    const oldest = inFlight.values().next().value as Job | undefined;
    const stalled =
      (oldest && now - oldest.sentAt > options.responseTimeoutMs) ||
      (enquirePendingSince !== undefined && now - enquirePendingSince > options.responseTimeoutMs);
    if (stalled) {
      options.log(
        `smpp ${options.mode}: no response for ${options.responseTimeoutMs} ms, reconnecting`,
      );
      session.destroy();
      return;
    }
    if (enquirePendingSince === undefined && now - lastEnquire >= options.enquireLinkMs) {
      lastEnquire = now;
      enquirePendingSince = now;
      const s = session;
      s.send(new smpp.PDU('enquire_link', {}), () => {
        if (session === s) enquirePendingSince = undefined;
      });
    }
  }

  tick = setInterval(onTick, Math.min(1000, options.enquireLinkMs));
  tick.unref();
  connect();

  return {
    get bound() {
      return state === 'bound';
    },
    get outstanding() {
      return inFlight.size;
    },
    whenBound(timeoutMs) {
      if (state === 'bound') return Promise.resolve(true);
      if (state === 'closing' || state === 'closed') return Promise.resolve(false);
      return new Promise((resolve) => {
        const done = (bound: boolean) => {
          clearTimeout(timer);
          boundWaiters.delete(done);
          resolve(bound);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        boundWaiters.add(done);
      });
    },
    submit(fields) {
      if (state !== 'bound') return Promise.resolve({ kind: 'not_sent' });
      return new Promise((resolve) => {
        queue.push({ fields, resolve, sentAt: 0 });
        pump();
      });
    },
    close() {
      closing ??= (async () => {
        const wasBound = state === 'bound';
        state = 'closing';
        clearTimeout(reconnectTimer);
        clearTimeout(pumpTimer);
        clearInterval(tick);
        for (const w of boundWaiters) w(false);
        boundWaiters.clear();
        for (const job of queue.drain()) job.resolve({ kind: 'not_sent' });
        const s = session;
        if (!s) {
          state = 'closed';
          return;
        }
        if (inFlight.size > 0) {
          await race(new Promise<void>((r) => drained.add(r)), options.responseTimeoutMs);
        }
        if (wasBound && s.socket.writable) {
          await race(new Promise<void>((r) => s.send(new smpp.PDU('unbind', {}), () => r())), 1000);
        }
        await race(new Promise<void>((r) => s.close(r)), 1000);
        if (!s.socket.destroyed) s.destroy();
        state = 'closed';
      })();
      return closing;
    },
  };
}

function race(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<void>((r) => {
      timer = setTimeout(r, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
