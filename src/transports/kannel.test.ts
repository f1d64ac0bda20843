/**
 * The Kannel transport against a REAL Kannel (Debian packages kannel + kannel-extras, installed
 * by scripts/ci-install-kannel.sh): bearerbox + smsbox started here on loopback with a generated
 * config, bound over SMPP to Texto's simulator SMSC (which plays the operator and sends a
 * receipt per message and MO replies). Skips with a printed reason when Kannel is absent.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runTransportContract, waitFor } from './contract.test-suite.ts';
import { createKannelTransport } from './kannel.ts';
import { type SmscServer, startSmscServer } from './smsc-server.ts';
import type { InboundEvent } from './transport.ts';

const bearerbox = '/usr/sbin/bearerbox';
const smsbox = '/usr/sbin/smsbox';
const missing = [bearerbox, smsbox].filter((p) => !existsSync(p));
const skip =
  missing.length > 0
    ? `Kannel not installed (${missing.join(', ')}): run scripts/ci-install-kannel.sh`
    : undefined;
if (skip) console.log(`# SKIP kannel tests: ${skip}`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

interface RunningKannel {
  readonly sendUrl: string;
  readonly smsc: SmscServer;
  readonly dir: string;
  stop(): Promise<void>;
}

async function startKannel(moUrl: string): Promise<RunningKannel> {
  const smsc = await startSmscServer({
    systemId: 'kannel',
    password: 'pw',
    dlrDelayMs: 0,
    rejectDestinations: {},
  });
  const [admin, box, send] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'texto-kannel-'));
  const conf = join(dir, 'kannel.conf');
  writeFileSync(
    conf,
    `group = core
admin-port = ${admin}
admin-password = texto
admin-interface = 127.0.0.1
smsbox-port = ${box}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "${dir}/bearerbox.log"
log-level = 1
dlr-storage = internal

group = smsc
smsc = smpp
smsc-id = sim
host = 127.0.0.1
port = ${smsc.port}
transceiver-mode = true
smsc-username = kannel
smsc-password = pw
system-type = ""
msg-id-type = 0x00
enquire-link-interval = 30
max-pending-submits = 10
reconnect-delay = 1
source-addr-ton = 5
source-addr-npi = 0
dest-addr-ton = 1
dest-addr-npi = 1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${box}
sendsms-port = ${send}
sendsms-interface = 127.0.0.1
log-file = "${dir}/smsbox.log"
log-level = 1
mo-recode = true

group = sendsms-user
username = texto
password = pw
max-messages = 10
concatenation = true
black-list-regex = "^\\+?33699999999$"

group = sms-service
keyword = default
catch-all = true
max-messages = 0
omit-empty = true
get-url = "${moUrl}/kannel/mo?from=%p&to=%P&bin=%b&coding=%c&charset=%C&ts=%T"
`,
  );
  const children: ChildProcess[] = [];
  const launch = (bin: string) => children.push(spawn(bin, [conf], { stdio: 'ignore' }));
  const stop = async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const force = setTimeout(() => c.kill('SIGKILL'), 3000);
            c.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
          }),
      ),
    );
    await smsc.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    launch(bearerbox);
    // bearerbox is up once it has bound to the SMSC; smsbox needs it, so it starts second.
    await waitFor(() => (smsc.stats.binds > 0 ? true : undefined), 8000);
    launch(smsbox);
    const status = `http://127.0.0.1:${admin}/status.txt?password=texto`;
    const sendUrl = `http://127.0.0.1:${send}/cgi-bin/sendsms`;
    const deadline = Date.now() + 8000;
    for (;;) {
      const text = await fetch(status).then(
        (r) => r.text(),
        () => '',
      );
      const ready =
        /smsbox:/.test(text) &&
        (await fetch(sendUrl).then(
          () => true,
          () => false,
        ));
      if (ready) break;
      if (Date.now() > deadline) throw new Error('smsbox did not come up within 8 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    return { sendUrl, smsc, dir, stop };
  } catch (error) {
    const log = (f: string) =>
      existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8').slice(-2000) : '';
    await stop();
    throw new Error(`Kannel did not start: ${(error as Error).message}\n${log('bearerbox.log')}`);
  }
}

if (!skip) {
  runTransportContract('kannel (real bearerbox + smsbox, SMPP to the simulator SMSC)', async () => {
    const events: InboundEvent[] = [];
    const listenPort = await freePort();
    const kannel = await startKannel(`http://127.0.0.1:${listenPort}`);
    const transport = await createKannelTransport({
      sendUrl: kannel.sendUrl,
      username: 'texto',
      password: 'pw',
      onInbound: (e) => {
        events.push(e);
      },
      listen: { host: '127.0.0.1', port: listenPort },
    });
    return {
      transport,
      events,
      permanentTo: '+33699999999',
      transientTo: undefined,
      transientSkipReason: 'Kannel queues every accepted sendsms; throttling happens behind it',
      aggregatesParts: true,
      reply: async (from, to, text) => {
        assert.equal(kannel.smsc.sendReply(from, to, text), true);
      },
      received: () =>
        kannel.smsc.submits
          .filter((r) => r.status === 0)
          .map((r) => ({
            to: r.destination,
            dataCoding: r.dataCoding,
            bytes:
              r.esmClass & 0x40 ? r.shortMessage.subarray(r.shortMessage[0]! + 1) : r.shortMessage,
          })),
      stop: () => kannel.stop(),
    };
  });
}

test('kannel: sendsms unreachable is transient; a closed window is refused before sending', async () => {
  const port = await freePort();
  const transport = await createKannelTransport({
    sendUrl: `http://127.0.0.1:${port}/cgi-bin/sendsms`,
    username: 'u',
    password: 'p',
    onInbound: () => {},
    callbackBaseUrl: 'http://127.0.0.1:1',
  });
  const down = await transport.send({ id: 'a', to: '+33612345678', from: 'DUPONT', text: 'Hi' });
  assert.deepEqual(down, {
    accepted: false,
    permanent: false,
    code: 'kannel:not_sent',
    unreachable: true,
  });
  const late = await transport.send({
    id: 'b',
    to: '+33612345678',
    from: 'DUPONT',
    text: 'Hi',
    validUntil: new Date(Date.now() + 30_000),
  });
  assert.deepEqual(late, { accepted: false, permanent: true, code: 'kannel:window_closed' });
  await transport.close();
});
