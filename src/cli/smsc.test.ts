import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parseTransportUrl, type SmppSpec } from '../transports/parse-transport-url.ts';
import { createSmppTransport } from '../transports/smpp-transport.ts';
import type { InboundEvent } from '../transports/transport.ts';
import { runCli } from './main.ts';

function memoryIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const io = { stdout, stderr, stdin: new PassThrough(), interactive: false };
  return { io, out: () => out, err: () => err };
}

async function waitForLine(read: () => string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const line = read()
      .split('\n')
      .find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no line matching ${pattern}`);
}

async function sendThrough(port: number, text: string, expected: number) {
  const events: InboundEvent[] = [];
  const spec = parseTransportUrl(`smpp://texto:secret@127.0.0.1:${port}`) as SmppSpec;
  const transport = createSmppTransport({
    ...spec,
    onInbound: (e) => {
      events.push(e);
    },
    log: () => {},
  });
  const result = await transport.send({ id: 'cli', to: '+33612345678', from: 'DUPONT', text });
  for (let i = 0; i < 200 && events.length < expected; i += 1)
    await new Promise((r) => setTimeout(r, 10));
  await transport.close();
  return { result, events };
}

test('texto smsc --json: listens, shows each submit decoded, sends receipt and STOP, stops by itself', async () => {
  const { io, out } = memoryIo();
  const exit = runCli(
    ['smsc', '--port', '0', '--json', '--for', '1', '--dlr-delay-ms', '0', '--stop-rate', '1'],
    io,
    {},
  );
  const listening = JSON.parse(await waitForLine(out, /"listening"/)) as { port: number };
  assert.ok(listening.port > 0);
  const { result, events } = await sendThrough(listening.port, 'Fête à 20 €', 2);
  assert.equal(result.accepted, true);
  assert.deepEqual(
    events.map((e) => (e.kind === 'receipt' ? e.status : e.text)),
    ['delivered', 'STOP'],
  );
  assert.equal(await exit, 0);
  const lines = out()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const submit = lines.find((l) => l.event === 'submit');
  assert.deepEqual(
    { to: submit?.to, from: submit?.from, dataCoding: submit?.dataCoding, text: submit?.text },
    { to: '33612345678', from: 'DUPONT', dataCoding: 8, text: 'Fête à 20 €' },
  );
  const stopped = lines.at(-1) as { event: string; stats: { accepted: number; binds: number } };
  assert.equal(stopped.event, 'stopped');
  assert.equal(stopped.stats.accepted, 1);
});

test('texto smsc refuses bad options with exit 2', async () => {
  const cases = [
    ['--stop-rate', '2'],
    ['--port', '70000'],
    ['--receipt-ids', 'octal'],
    ['--for', '-1'],
    ['--bogus'],
  ];
  for (const args of cases) {
    const { io, out } = memoryIo();
    assert.equal(await runCli(['smsc', ...args, '--json'], io, {}), 2, args.join(' '));
    assert.match(out(), /"code":"invalid_input"/, args.join(' '));
  }
});

test('node bin/texto.js smsc runs as a real process and exits 0 after --for', async (t) => {
  // --for counts from listening; the start through tsx can take seconds on a loaded machine.
  const child = spawn(
    process.execPath,
    ['bin/texto.js', 'smsc', '--port', '0', '--for', '4', '--dlr-delay-ms', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  t.after(() => child.kill('SIGKILL'));
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  let port = 0;
  let submitLine = '';
  const seen = (async () => {
    for await (const line of lines) {
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(line);
      if (m) port = Number(m[1]);
      if (line.includes('-> +33612345678')) submitLine = line;
    }
  })();
  for (let i = 0; i < 3000 && port === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
  assert.ok(port > 0, 'the process printed its port');
  const { result } = await sendThrough(port, 'Café à 20 €', 1);
  assert.equal(result.accepted, true);
  const [code] = await exited;
  await seen;
  assert.equal(code, 0);
  assert.match(submitLine, /DUPONT -> \+33612345678 dc=0 id \d+: Café à 20 €/);
});
