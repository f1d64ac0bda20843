import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { decodeShortMessage } from '../transports/decode-short-message.ts';
import { type SmscServer, startSmscServer } from '../transports/smsc-server.ts';
import type { SubmitRecord } from '../transports/smsc-submit-record.ts';

const rate = z.coerce.number().min(0).max(1);
const count = z.coerce.number().int().min(0);

/** Options of `texto smsc`, validated at the boundary (CLI strings or numbers). */
export const smscRequest = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(2775),
  systemId: z.string().min(1).max(15).optional(),
  password: z.string().max(8).optional(),
  dlrDelayMs: count.default(1000),
  failureRate: rate.default(0),
  stopRate: rate.default(0),
  throttleRate: rate.default(0),
  queueFullRate: rate.default(0),
  dropReceiptRate: rate.default(0),
  responseDelayMs: count.default(0),
  closeAfter: z.coerce.number().int().min(1).optional(),
  receiptIds: z.enum(['same', 'hex-dec']).default('same'),
  seed: z.coerce.number().int().default(42),
});
export type SmscRequest = z.input<typeof smscRequest>;

/** One submit_sm as `texto smsc` shows it. */
export interface SmscSubmitSummary {
  readonly connection: number;
  readonly systemId: string;
  readonly from: string;
  readonly to: string;
  readonly dataCoding: number;
  /** 'udh', 'sar' or 'payload' for a part of a long message, else undefined. */
  readonly concatenation?: string;
  readonly text: string;
  readonly status: number;
  readonly messageId?: string;
}

export interface RunningSmsc {
  readonly host: string;
  readonly port: number;
  readonly stats: SmscServer['stats'];
  close(): Promise<void>;
}

/**
 * Starts the simulator SMSC (an SMPP 3.4 server) for `texto smsc`: loopback by default, a
 * receipt per message, optional STOP replies and fault knobs. Submits are not kept in memory
 * (it may run for days); each one is reported to `onSubmit` when given.
 */
export async function startSmsc(
  request: SmscRequest,
  onSubmit?: (submit: SmscSubmitSummary) => void,
): Promise<RunningSmsc> {
  const parsed = smscRequest.safeParse(request);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new DomainError('invalid_input', `texto smsc: ${problems.join('; ')}`, { problems });
  }
  const o = parsed.data;
  try {
    const server = await startSmscServer({
      host: o.host,
      port: o.port,
      ...(o.systemId !== undefined ? { systemId: o.systemId } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
      dlrDelayMs: o.dlrDelayMs,
      dlrFailureRate: o.failureRate,
      stopRate: o.stopRate,
      throttleRate: o.throttleRate,
      queueFullRate: o.queueFullRate,
      dropReceiptRate: o.dropReceiptRate,
      responseDelayMs: o.responseDelayMs,
      ...(o.closeAfter !== undefined ? { closeAfterSubmits: o.closeAfter } : {}),
      receiptIds: o.receiptIds,
      seed: o.seed,
      record: false,
      ...(onSubmit ? { onSubmit: (record: SubmitRecord) => onSubmit(summarise(record)) } : {}),
    });
    return {
      host: server.host,
      port: server.port,
      stats: server.stats,
      close: () => server.close(),
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new DomainError(
        'unavailable',
        `texto smsc: cannot listen on ${o.host}:${o.port} (${code})`,
      );
    }
    throw error;
  }
}

function summarise(r: SubmitRecord): SmscSubmitSummary {
  const udh = r.esmClass & 0x40 && r.shortMessage.length > 0 ? r.shortMessage[0]! + 1 : 0;
  const bytes = r.messagePayload ?? r.shortMessage.subarray(udh);
  const concatenation = udh ? 'udh' : r.sar ? 'sar' : r.messagePayload ? 'payload' : undefined;
  return {
    connection: r.connection,
    systemId: r.systemId,
    from: r.source,
    to: r.destination,
    dataCoding: r.dataCoding,
    ...(concatenation ? { concatenation } : {}),
    text: decodeShortMessage(bytes, r.dataCoding),
    status: r.status,
    ...(r.messageId ? { messageId: r.messageId } : {}),
  };
}
