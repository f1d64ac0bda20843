import type { Store } from '../store/db.ts';
import { findSqliteFile } from '../store/dispatch-workers.ts';
import { createTransport, type TransportWiring } from '../transports/create-transport.ts';
import type { TransportSpec } from '../transports/parse-transport-url.ts';
import type { InboundHandler, ReplyEvent, Transport } from '../transports/transport.ts';
import type { DispatchQueue } from './dispatch-queue.ts';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher.ts';
import { openWriterThread } from './open-writer-thread.ts';
import { createOutcomeWriter, type OutcomeWriter } from './outcome-writer.ts';

export interface DispatchRuntime {
  readonly dispatcher: Dispatcher;
  readonly transport: Transport;
  readonly writer: OutcomeWriter;
  /** Stops the dispatcher (clean), closes the transport, writes the last receipts. */
  close(): Promise<void>;
}

export interface StartDispatchOptions
  extends Omit<DispatcherOptions, 'store' | 'transport' | 'writer' | 'accountTps'> {
  readonly store: Store;
  /** A parsed TEXTO_TRANSPORT, or a factory (tests) given the inbound handler. */
  readonly transport: TransportSpec | ((onInbound: InboundHandler) => Promise<Transport>);
  /** Replies (MO) go here (the services layer: STOP handling); receipts are recorded here. */
  readonly onReply: (reply: ReplyEvent) => Promise<unknown>;
  /** Overrides the account TPS derived from the transport (SMPP: tps × binds). */
  readonly accountTps?: number;
  readonly log?: (line: string) => void;
  /** SQLite file: write outcomes and receipts on a worker thread (default true). */
  readonly writerThread?: boolean;
  /** The HTTP gateways' callback listener, callback URL and webhook secret. */
  readonly wiring?: Omit<TransportWiring, 'onInbound' | 'log'>;
}

/**
 * Builds the dispatch runtime: the outcome writer, the transport whose inbound events go to it
 * (receipts) or to `onReply` (replies), and the dispatcher. The account TPS is the SMPP URL's
 * `tps × binds`; HTTP gateways and the simulator have no TPS of ours (they queue).
 */
export async function startDispatch(options: StartDispatchOptions): Promise<DispatchRuntime> {
  const { store, onReply } = options;
  const { writer, queue } = await openOutcomeWriter(
    store,
    options.writerThread ?? true,
    options.clock,
  );
  const onInbound: InboundHandler = (event) =>
    event.kind === 'receipt'
      ? writer.recordReceipt(event)
      : writer.exclusive(() => onReply(event)).then(() => {});
  const spec = typeof options.transport === 'function' ? null : options.transport;
  let transport: Transport;
  try {
    transport =
      typeof options.transport === 'function'
        ? await options.transport(onInbound)
        : await createTransport(options.transport, {
            ...options.wiring,
            onInbound,
            ...(options.log ? { log: options.log } : {}),
          });
  } catch (error) {
    // The writer (a thread on SQLite) was opened first: left open, it kept the process alive.
    await writer.close();
    throw error;
  }
  const accountTps =
    options.accountTps ??
    (spec?.kind === 'smpp' ? spec.tps * spec.binds : Number.POSITIVE_INFINITY);
  const dispatcher = await createDispatcher({
    ...options,
    store,
    transport,
    writer,
    accountTps,
    ...(queue ? { queue } : {}),
  });
  let closed: Promise<void> | null = null;
  return {
    dispatcher,
    transport,
    writer,
    close() {
      closed ??= (async () => {
        await dispatcher.stop();
        await transport.close();
        await writer.close();
      })();
      return closed;
    },
  };
}

/**
 * The outcome writer and the claim: on a SQLite file, their SQL runs on a worker thread with its
 * own connection (the dispatcher's thread serves the sockets); elsewhere (PostgreSQL, whose SQL runs
 * in the server, or an in-memory SQLite no other connection can see) on this thread.
 */
async function openOutcomeWriter(
  store: Store,
  threaded: boolean,
  clock?: () => number,
): Promise<{ writer: OutcomeWriter; queue?: DispatchQueue }> {
  const file =
    threaded && store.capabilities.dialect === 'sqlite' ? await findSqliteFile(store.db) : null;
  if (file === null) return { writer: createOutcomeWriter(store, clock) };
  const thread = await openWriterThread(file);
  const writer = createOutcomeWriter(store, clock, 15, thread.flush, thread.close);
  return { writer, queue: thread.queue };
}
