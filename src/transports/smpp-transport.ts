import type { Pdu } from 'smpp';
import { encodeParts } from '../core/message/encode-parts.ts';
import { buildSubmitPdus } from './build-submit-pdus.ts';
import { normaliseMessageId } from './normalise-message-id.ts';
import type { SmppSpec } from './parse-transport-url.ts';
import { type DeliverSmFields, readDeliverSm } from './read-deliver-sm.ts';
import { createSmppBind, type SmppBind, type SubmitOutcome } from './smpp-bind.ts';
import type { InboundHandler, SendResult, Transport } from './transport.ts';

export interface SmppTransportOptions extends Omit<SmppSpec, 'kind'> {
  readonly onInbound: InboundHandler;
  readonly enquireLinkMs?: number;
  readonly responseTimeoutMs?: number;
  /** How long `send` waits for a bound link before answering transient `smpp:not_bound`. */
  readonly bindWaitMs?: number;
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  readonly log?: (line: string) => void;
}

/** submit_sm_resp statuses that are not failures: retry later (SMPP 3.4 §5.1.3). */
const transientStatuses: Readonly<Record<number, string>> = {
  88: 'smpp:throttled',
  20: 'smpp:queue_full',
};

/**
 * The SMPP 3.4 transport: `binds` binds (transceiver, or a transmitter + receiver pair each),
 * used round robin, each with its own window and tps limit. A message is sent as one submit_sm
 * per part (UDH by default, SAR or message_payload per option), parts one after the other on
 * the same bind. Outcomes: every part accepted -> accepted with every part id; throttled (0x58)
 * or queue full (0x14) on the first part, or no bound link -> transient; another status on the
 * first part -> permanent `smpp:0x…`; a later part refused transiently is retried in place
 * (~6 s), and a failure after some parts left -> permanent `smpp:partial:…` (the message
 * cannot be resent without duplicating parts). A link lost
 * after a PDU left throws: the dispatcher must record the message as `unknown`.
 */
export function createSmppTransport(options: SmppTransportOptions): Transport & {
  readonly binds: readonly SmppBind[];
} {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const onDeliver = async (pdu: Pdu): Promise<number> => {
    const event = readDeliverSm(pdu as unknown as DeliverSmFields, options.ids, new Date());
    if (!event) {
      log('smpp: receipt without any message id, ignored');
      return 0;
    }
    await options.onInbound(event);
    return 0;
  };
  const common = {
    host: options.host,
    port: options.port,
    systemId: options.systemId,
    password: options.password,
    systemType: options.systemType,
    tls: options.tls,
    window: options.window,
    tps: options.tps,
    enquireLinkMs: options.enquireLinkMs ?? 30_000,
    responseTimeoutMs: options.responseTimeoutMs ?? 30_000,
    reconnectMinMs: options.reconnectMinMs ?? 500,
    reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
    onDeliver,
    log,
  };
  const senders: SmppBind[] = [];
  const all: SmppBind[] = [];
  for (let i = 0; i < options.binds; i += 1) {
    if (options.bindMode === 'transceiver') {
      const b = createSmppBind({ ...common, mode: 'transceiver' });
      senders.push(b);
      all.push(b);
    } else {
      const tx = createSmppBind({ ...common, mode: 'transmitter' });
      senders.push(tx);
      all.push(tx, createSmppBind({ ...common, mode: 'receiver' }));
    }
  }
  let next = 0;
  let ref = 0;
  let lastText: string | undefined;
  let lastEncoded: ReturnType<typeof encodeParts> | undefined;
  let closed = false;

  /** The next bound sender, round robin, without waiting (no promise per message). */
  function boundSender(): SmppBind | undefined {
    for (let i = 0; i < senders.length; i += 1) {
      const b = senders[(next + i) % senders.length]!;
      if (b.bound) {
        next = (next + i + 1) % senders.length;
        return b;
      }
    }
    return undefined;
  }

  async function pickBind(): Promise<SmppBind | undefined> {
    const now = boundSender();
    if (now) return now;
    const waited = await Promise.race(
      senders.map((b) =>
        b.whenBound(options.bindWaitMs ?? 5000).then((ok) => (ok ? b : undefined)),
      ),
    );
    return waited;
  }

  return {
    kind: 'smpp',
    binds: all,
    async send(message) {
      if (closed) throw new Error('smpp transport is closed');
      // A campaign's messages usually share one text: encoded once, not once per message.
      if (message.text !== lastText) {
        lastEncoded = encodeParts(message.text);
        lastText = message.text;
      }
      const encoded = lastEncoded!;
      ref = (ref + 1) & 0xffff;
      const pdus = buildSubmitPdus(message, encoded, { long: options.long, ref });
      let bind = boundSender() ?? (await pickBind());
      if (!bind) {
        return { accepted: false, permanent: false, code: 'smpp:not_bound', unreachable: true };
      }
      const partIds: string[] = [];
      for (const [i, fields] of pdus.entries()) {
        let outcome = await bind.submit(fields as unknown as Record<string, unknown>);
        // Once part 1 is out, a transient refusal of a later part is retried here (a message
        // cannot be resent whole without doubling its first parts): up to ~6 s, then partial.
        for (let attempt = 0; i > 0 && attempt < 6 && isTransient(outcome); attempt += 1) {
          await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
          bind = (await pickBind()) ?? bind;
          outcome = await bind.submit(fields as unknown as Record<string, unknown>);
        }
        const result = interpret(outcome, i, message.id);
        if (result) return result;
        if (outcome.kind === 'response') {
          partIds.push(normaliseMessageId(outcome.messageId, options.ids, 'response'));
        }
      }
      return { accepted: true, id: partIds[0]!, partIds };
    },
    async close() {
      closed = true;
      await Promise.all(all.map((b) => b.close()));
    },
  };
}

function isTransient(outcome: SubmitOutcome): boolean {
  return (
    outcome.kind === 'not_sent' ||
    (outcome.kind === 'response' && transientStatuses[outcome.status] !== undefined)
  );
}

/** undefined = this part was accepted, go on. */
function interpret(outcome: SubmitOutcome, part: number, id: string): SendResult | undefined {
  if (outcome.kind === 'lost') {
    throw new Error(
      `smpp: link lost after submit_sm of message ${id} part ${part + 1} left: outcome unknown`,
    );
  }
  const partial = part > 0 ? 'partial:' : '';
  if (outcome.kind === 'not_sent') {
    return part === 0
      ? { accepted: false, permanent: false, code: 'smpp:not_sent', unreachable: true }
      : { accepted: false, permanent: true, code: `smpp:${partial}not_sent` };
  }
  if (outcome.status === 0) return undefined;
  const transient = transientStatuses[outcome.status];
  if (transient && part === 0) return { accepted: false, permanent: false, code: transient };
  return {
    accepted: false,
    permanent: true,
    code: `smpp:${partial}0x${outcome.status.toString(16).padStart(8, '0')}`,
  };
}
