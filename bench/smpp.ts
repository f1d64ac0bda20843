/**
 * bench:smpp — N messages (default 100,000) through Texto's SMPP transport to the simulator
 * SMSC (`texto smsc`, in its own process, a receipt per message), against the raw `smpp`
 * client doing the same (bind_transceiver, window W, submit_sm, deliver_sm_resp) in the same
 * run. A run ends when every receipt has arrived. Prints msg/s of both and the ratio
 * (target >= 0.5, sms-tech.md §4.1: raw ~19k-23k msg/s with receipts at window 10-100).
 *
 *   npm run bench:smpp [-- N [WINDOW]]
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createSmppTransport } from '../src/transports/smpp-transport.ts';
import { measureRawSmpp } from './measure-raw-smpp.ts';

const n = Number(process.argv[2] ?? 100_000);
const window = Number(process.argv[3] ?? 10);
const text = 'Dupont Meubles: -20% sur tout le magasin ce samedi ! STOP 36180';

async function startServer(): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['bin/texto.js', 'smsc', '--port', '0', '--json', '--quiet', '--dlr-delay-ms', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const event = JSON.parse(line) as { event: string; port?: number };
    if (event.event === 'listening' && event.port) {
      return {
        port: event.port,
        stop: () =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
  }
  throw new Error('texto smsc did not start');
}

/** The baseline: the `smpp` package used directly, as sms-tech.md §4.1 measured it. */
function runRaw(port: number): Promise<number> {
  return measureRawSmpp(port, n, window, text);
}

async function runTexto(port: number): Promise<number> {
  let receipts = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const transport = createSmppTransport({
    host: '127.0.0.1',
    port,
    systemId: 'texto',
    password: 'pw',
    systemType: '',
    tps: 1_000_000,
    window,
    binds: 1,
    long: 'udh',
    bindMode: 'transceiver',
    ids: 'same',
    tls: false,
    onInbound: (event) => {
      if (event.kind === 'receipt') receipts += 1;
      if (receipts === n) done();
    },
  });
  await transport.binds[0]!.whenBound(5000);
  const start = performance.now();
  let next = 0;
  let failed = 0;
  // A dispatcher keeps a bounded number of sends in flight; the transport's window does the rest.
  const inFlight = Math.max(2 * window, 200);
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) {
        const i = next++;
        const to = `+336${String(i).padStart(8, '0')}`;
        const result = await transport.send({ id: `m${i}`, to, from: 'DUPONT', text });
        if (!result.accepted) failed += 1;
      }
    }),
  );
  if (failed > 0) throw new Error(`${failed} sends were not accepted`);
  await finished;
  const rate = n / ((performance.now() - start) / 1000);
  await transport.close();
  return rate;
}

const server = await startServer();
try {
  console.log(
    `bench:smpp  N=${n}  window=${window}  receipt per message, server in its own process`,
  );
  const raw: number[] = [];
  const texto: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    raw.push(await runRaw(server.port));
    texto.push(await runTexto(server.port));
    console.log(
      `  round ${round + 1}: raw smpp ${raw.at(-1)!.toFixed(0)} msg/s, Texto transport ${texto.at(-1)!.toFixed(0)} msg/s`,
    );
  }
  const bestRaw = Math.max(...raw);
  const bestTexto = Math.max(...texto);
  console.log(`raw smpp client (baseline): ${bestRaw.toFixed(0)} msg/s`);
  console.log(`Texto SMPP transport:       ${bestTexto.toFixed(0)} msg/s`);
  console.log(`ratio: ${(bestTexto / bestRaw).toFixed(2)} (target >= 0.5)`);
} finally {
  await server.stop();
}
