import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { encodeParts } from '../core/message/encode-parts.ts';
import { runTransportContract } from './contract.test-suite.ts';
import { signWebhook, verifyWebhook, webhookHeaders } from './sign-webhook.ts';
import type { InboundEvent } from './transport.ts';
import { createWebhookTransport } from './webhook.ts';

const secret = 'test-secret';

interface Provider {
  readonly url: string;
  readonly received: Array<{ to: string; text: string; encoding: string }>;
  /** Where the provider posts receipts and replies (set once the transport listens). */
  callbackUrl: string;
  callback(payload: object, sign?: boolean): Promise<number>;
  close(): Promise<void>;
}

/** A fake SMS provider on loopback that checks Texto's signature like a real one would. */
async function startProvider(): Promise<Provider> {
  let next = 1;
  const provider: Provider = {
    url: '',
    received: [],
    callbackUrl: '',
    async callback(payload, sign = true) {
      const body = JSON.stringify(payload);
      const ts = Math.floor(Date.now() / 1000);
      const response = await fetch(provider.callbackUrl, {
        method: 'POST',
        headers: sign
          ? {
              [webhookHeaders.timestamp]: String(ts),
              [webhookHeaders.signature]: signWebhook(secret, ts, body),
            }
          : {},
        body,
      });
      return response.status;
    },
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      const check = verifyWebhook(
        secret,
        {
          timestamp: req.headers[webhookHeaders.timestamp] as string,
          signature: req.headers[webhookHeaders.signature] as string,
        },
        body,
        Math.floor(Date.now() / 1000),
      );
      if (!check.ok) return res.writeHead(401).end();
      const m = JSON.parse(body) as { to: string; text: string; encoding: string; parts: number };
      if (m.to === '+33699999999') return res.writeHead(400).end('{"code":"invalid_number"}');
      if (m.to === '+33699999998') return res.writeHead(429, { 'retry-after': '2' }).end();
      if (m.to === '+33699999997') return res.writeHead(500).end();
      provider.received.push(m);
      const partIds = Array.from({ length: m.parts }, () => `wh-${next++}`);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: partIds[0], partIds }));
      setTimeout(() => {
        for (const id of partIds)
          void provider.callback({ type: 'receipt', id, status: 'delivered' });
      }, 5);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  Object.assign(provider, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  });
  return provider;
}

async function setUp() {
  const provider = await startProvider();
  const events: InboundEvent[] = [];
  const transport = await createWebhookTransport({
    url: provider.url,
    secret,
    onInbound: (e) => {
      events.push(e);
    },
    listen: { host: '127.0.0.1', port: 0 },
  });
  provider.callbackUrl = `${transport.inboundUrl}/inbound`;
  return { provider, transport, events };
}

runTransportContract('webhook (loopback provider)', async () => {
  const { provider, transport, events } = await setUp();
  return {
    transport,
    events,
    permanentTo: '+33699999999',
    transientTo: '+33699999998',
    reply: async (from, to, text) => {
      assert.equal(await provider.callback({ type: 'reply', from, to, text }), 204);
    },
    received: () =>
      provider.received.map((m) => ({
        to: m.to.slice(1),
        dataCoding: m.encoding === 'GSM-7' ? 0 : 8,
        bytes:
          m.encoding === 'GSM-7'
            ? Buffer.from(encodeGsmForCheck(m.text))
            : Buffer.from(m.text, 'utf16le').swap16(),
      })),
    stop: () => provider.close(),
  };
});

/** The webhook carries text, not bytes: re-encode with the composer to compare. */
function encodeGsmForCheck(text: string): Uint8Array {
  return encodeParts(text).whole;
}

test('webhook: unsigned, stale or malformed callbacks are refused; 5xx throws; refused connection is transient', async (t) => {
  const { provider, transport, events } = await setUp();
  t.after(async () => {
    await transport.close();
    await provider.close();
  });
  assert.equal(
    await provider.callback(
      { type: 'reply', from: '+33612345678', to: '36180', text: 'STOP' },
      false,
    ),
    401,
  );
  assert.equal(await provider.callback({ type: 'receipt', id: 'x', status: 'bogus' }), 400);
  const stale = await transport.handleInbound({
    method: 'POST',
    url: '/inbound',
    headers: {
      [webhookHeaders.timestamp]: '1000',
      [webhookHeaders.signature]: signWebhook(secret, 1000, '{}'),
    },
    body: '{}',
  });
  assert.deepEqual(stale, { status: 401, body: 'stale' });
  assert.equal(events.length, 0);
  await assert.rejects(
    transport.send({ id: 'five', to: '+33699999997', from: 'DUPONT', text: 'Hi' }),
    /answered 500/,
  );
  const throttled = await transport.send({
    id: 'tr',
    to: '+33699999998',
    from: 'DUPONT',
    text: 'Hi',
  });
  assert.deepEqual(throttled, {
    accepted: false,
    permanent: false,
    code: 'http:429',
    retryAfterMs: 2000,
  });
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const freePort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const down = await createWebhookTransport({
    url: `http://127.0.0.1:${freePort}/sms`,
    secret,
    onInbound: () => {},
  });
  const r = await down.send({ id: 'd', to: '+33612345678', from: 'DUPONT', text: 'Hi' });
  assert.deepEqual(r, {
    accepted: false,
    permanent: false,
    code: 'webhook:not_sent',
    unreachable: true,
  });
  await down.close();
});
