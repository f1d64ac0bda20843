import { randomBytes } from 'node:crypto';
import { encodeParts } from '../core/message/encode-parts.ts';
import { createSeededRandom } from './seeded-random.ts';
import type { InboundHandler, ReceiptStatus, SendResult, Transport } from './transport.ts';

export interface SimulatorOptions {
  readonly onInbound: InboundHandler;
  /** Time to accept a message (the gateway's answer). */
  readonly acceptDelayMs?: number;
  /** Receipts arrive between these delays after acceptance. */
  readonly receiptDelayMs?: readonly [number, number];
  /** Share of parts that end undeliverable. */
  readonly failureRate?: number;
  /** Share of sends answered throttled (transient). */
  readonly throttleRate?: number;
  /** Share of delivered messages whose recipient replies STOP (after the receipts). */
  readonly stopRate?: number;
  readonly stopDelayMs?: number;
  /** Recipients (E.164) refused at once with this permanent code, e.g. `sim:invalid_destination`. */
  readonly rejectRecipients?: Readonly<Record<string, string>>;
  /** Recipients answered with a transient rejection every time. */
  readonly throttleRecipients?: readonly string[];
  readonly seed?: number;
}

export interface SimulatorTransport extends Transport {
  /** A mobile replies (e.g. STOP), as if through the gateway. */
  injectReply(from: string, to: string, text: string): Promise<void>;
  readonly sent: number;
}

/**
 * The default transport: an in-process gateway with realistic behaviour and no sockets. It
 * accepts after a short delay, returns one id per part, sends a receipt per part after a
 * random delay (DELIVRD, or UNDELIV at `failureRate`), throttles at `throttleRate`, and makes
 * some recipients reply STOP. Randomness is seeded, so a demo run is reproducible.
 */
export function createSimulatorTransport(options: SimulatorOptions): SimulatorTransport {
  const random = createSeededRandom(options.seed ?? 7);
  const timers = new Set<NodeJS.Timeout>();
  const [minDelay, maxDelay] = options.receiptDelayMs ?? [200, 2000];
  let nextId = 1;
  // Ids unique across runs, as a gateway's are: `sim-1` in every process made a later run's
  // receipts land on an earlier campaign's messages of the same database.
  const run = randomBytes(4).toString('hex');
  let sent = 0;
  let closed = false;

  function later(ms: number, fn: () => void | Promise<void>): void {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) void Promise.resolve(fn()).catch(() => {});
    }, ms);
    timers.add(t);
  }

  return {
    kind: 'simulator',
    get sent() {
      return sent;
    },
    async send(message): Promise<SendResult> {
      if (closed) throw new Error('simulator transport is closed');
      const parts = encodeParts(message.text).parts.length;
      if (options.acceptDelayMs) await new Promise((r) => setTimeout(r, options.acceptDelayMs));
      const reject = options.rejectRecipients?.[message.to];
      if (reject) return { accepted: false, permanent: true, code: reject };
      if (
        options.throttleRecipients?.includes(message.to) ||
        random() < (options.throttleRate ?? 0)
      ) {
        return { accepted: false, permanent: false, code: 'sim:throttled', retryAfterMs: 1000 };
      }
      sent += 1;
      const partIds = Array.from({ length: parts }, () => `sim-${run}-${nextId++}`);
      let allDelivered = true;
      let lastDelay = 0;
      for (const gatewayId of partIds) {
        const delay = minDelay + random() * (maxDelay - minDelay);
        lastDelay = Math.max(lastDelay, delay);
        const expired =
          message.validUntil !== undefined && Date.now() + delay > +message.validUntil;
        const status: ReceiptStatus = expired
          ? 'expired'
          : random() < (options.failureRate ?? 0)
            ? 'undeliverable'
            : 'delivered';
        if (status !== 'delivered') allDelivered = false;
        later(delay, () =>
          options.onInbound({
            kind: 'receipt',
            gatewayId,
            status,
            ...(status === 'undeliverable' ? { error: '001' } : {}),
            at: new Date(),
          }),
        );
      }
      if (allDelivered && random() < (options.stopRate ?? 0)) {
        later(lastDelay + (options.stopDelayMs ?? 1000), () =>
          options.onInbound({
            kind: 'reply',
            from: message.to,
            to: message.from,
            text: 'STOP',
            at: new Date(),
          }),
        );
      }
      return { accepted: true, id: partIds[0]!, partIds };
    },
    async injectReply(from, to, text) {
      await options.onInbound({ kind: 'reply', from, to, text, at: new Date() });
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
