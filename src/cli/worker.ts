import { DomainError } from '../core/domain-error.ts';
import { shownTransport } from '../services/transport-view.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/**
 * `texto worker`: dispatches due messages of every live campaign on TEXTO_TRANSPORT until
 * SIGINT/SIGTERM (or --for SECONDS); a clean stop leaves nothing claimed.
 */
export const worker: Command = {
  name: 'worker',
  summary:
    'Dispatch due messages until stopped (SIGINT/SIGTERM); run as many as you like on PostgreSQL',
  usage:
    '[--for SECONDS] [--clock-start ISO] [--json]\n\n' +
    '--clock-start runs the clock from that instant (tests and demos): refused unless\n' +
    'TEXTO_TRANSPORT is the simulator or an SMPP gateway on loopback.',
  options: { for: { type: 'string' }, 'clock-start': { type: 'string' } },
  maxPositionals: 0,
  async run({ io, app, json, values }) {
    const seconds = values.for === undefined ? undefined : Number(values.for);
    if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)) {
      io.stderr.write('texto: --for must be a positive number of seconds\n');
      return exitCodes.usage;
    }
    const clock = readClockStart(values['clock-start'], app.config.transport);
    const runtime = await app.dispatch({
      log: (line) => io.stderr.write(`worker: ${line}\n`),
      ...(clock ? { clock } : {}),
    });
    const { dispatcher } = runtime;
    const stop = () => {
      void dispatcher.stop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const timer = seconds === undefined ? undefined : setTimeout(stop, seconds * 1000);
    if (!json) {
      const database = app.config.databaseUrl ? 'PostgreSQL' : `SQLite in ${app.config.dataDir}`;
      writeLine(
        io,
        `worker ${dispatcher.workerId} started: transport ${shownTransport(app.config.transport)}, database ${database}`,
      );
    }
    try {
      await dispatcher.run();
    } finally {
      if (timer) clearTimeout(timer);
      await runtime.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    if (json) writeJson(io, { worker: dispatcher.workerId, ...dispatcher.stats });
    else {
      const s = dispatcher.stats;
      writeLine(
        io,
        `worker ${dispatcher.workerId} stopped: ${s.submitted} submitted, ${s.retried} retried, ${s.failed} failed, ${s.unknown} unknown, ${s.replanned} replanned, ${s.cancelled} cancelled, ${s.refused} refused`,
      );
    }
    return exitCodes.ok;
  },
};

/** A clock running from `--clock-start`, allowed only towards a simulator or loopback gateway. */
function readClockStart(value: unknown, transport: string): (() => number) | undefined {
  if (value === undefined) return undefined;
  const start = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(start) || !/(Z|[+-]\d\d:\d\d)$/.test(String(value))) {
    throw new DomainError('invalid_input', '--clock-start must be an ISO instant with an offset');
  }
  if (!/^(simulator$|smpps?:\/\/[^@]*@(127\.0\.0\.1|localhost|\[::1\]):)/.test(transport)) {
    throw new DomainError(
      'invalid_input',
      '--clock-start is refused unless TEXTO_TRANSPORT is the simulator or a loopback SMPP gateway: a real gateway must never send on a shifted clock',
    );
  }
  const started = Date.now();
  return () => start + (Date.now() - started);
}
