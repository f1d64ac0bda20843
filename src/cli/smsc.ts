import { DomainError } from '../core/domain-error.ts';
import { type SmscRequest, type SmscSubmitSummary, startSmsc } from '../services/smsc.ts';
import { type Command, exitCodes } from './command.ts';
import { writeLine } from './output.ts';

const numeric = {
  port: 'port',
  'dlr-delay-ms': 'dlrDelayMs',
  'failure-rate': 'failureRate',
  'stop-rate': 'stopRate',
  'throttle-rate': 'throttleRate',
  'queue-full-rate': 'queueFullRate',
  'drop-receipt-rate': 'dropReceiptRate',
  'response-delay-ms': 'responseDelayMs',
  'close-after': 'closeAfter',
  seed: 'seed',
} as const;

/** `texto smsc`: the simulator SMSC as a standalone SMPP 3.4 server, until Ctrl-C. */
export const smsc: Command = {
  name: 'smsc',
  summary: 'Run the simulator SMSC: an SMPP 3.4 server on loopback that sends receipts and STOPs',
  usage:
    '[--port 2775] [--host 127.0.0.1] [--system-id ID --password PW] [--dlr-delay-ms 1000] ' +
    '[--failure-rate R] [--stop-rate R] [--throttle-rate R] [--queue-full-rate R] ' +
    '[--drop-receipt-rate R] [--response-delay-ms N] [--close-after N] ' +
    '[--receipt-ids same|hex-dec] [--seed N] [--for SECONDS] [--quiet] [--json]\n\n' +
    'Rates are shares from 0 to 1. Point Texto at it with\n' +
    '  TEXTO_TRANSPORT=smpp://texto:secret@127.0.0.1:2775\n' +
    '--json prints one JSON object a line (listening, submit, stopped).',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'system-id': { type: 'string' },
    password: { type: 'string' },
    'dlr-delay-ms': { type: 'string' },
    'failure-rate': { type: 'string' },
    'stop-rate': { type: 'string' },
    'throttle-rate': { type: 'string' },
    'queue-full-rate': { type: 'string' },
    'drop-receipt-rate': { type: 'string' },
    'response-delay-ms': { type: 'string' },
    'close-after': { type: 'string' },
    'receipt-ids': { type: 'string' },
    seed: { type: 'string' },
    for: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  maxPositionals: 0,
  async run({ values, io, json }) {
    const request: Record<string, unknown> = {};
    for (const [flag, key] of Object.entries(numeric)) {
      if (values[flag] !== undefined) request[key] = values[flag];
    }
    if (values.host !== undefined) request.host = values.host;
    if (values['system-id'] !== undefined) request.systemId = values['system-id'];
    if (values.password !== undefined) request.password = values.password;
    if (values['receipt-ids'] !== undefined) request.receiptIds = values['receipt-ids'];
    const seconds = values.for === undefined ? undefined : Number(values.for);
    if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)) {
      throw new DomainError('invalid_input', '--for must be a positive number of seconds');
    }
    const emit = (line: object) => io.stdout.write(`${JSON.stringify(line)}\n`);
    const onSubmit = values.quiet
      ? undefined
      : (s: SmscSubmitSummary) => {
          if (json) emit({ event: 'submit', ...s });
          else writeLine(io, describe(s));
        };
    const running = await startSmsc(request as SmscRequest, onSubmit);
    if (json) emit({ event: 'listening', host: running.host, port: running.port });
    else {
      writeLine(io, `texto smsc: SMPP 3.4 simulator listening on ${running.host}:${running.port}`);
      writeLine(io, `  TEXTO_TRANSPORT=smpp://texto:secret@${running.host}:${running.port}`);
      writeLine(io, '  Ctrl-C to stop.');
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        clearTimeout(timer);
        resolve();
      };
      const timer = seconds === undefined ? undefined : setTimeout(stop, seconds * 1000);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    const stats = { ...running.stats };
    if (json) emit({ event: 'stopped', stats });
    else writeLine(io, `texto smsc: stopped. ${JSON.stringify(stats)}`);
    return exitCodes.ok;
  },
};

function describe(s: SmscSubmitSummary): string {
  const outcome = s.status === 0 ? `id ${s.messageId}` : `refused 0x${s.status.toString(16)}`;
  const part = s.concatenation ? ` [${s.concatenation} part]` : '';
  return `${s.from} -> +${s.to} dc=${s.dataCoding}${part} ${outcome}: ${s.text}`;
}
