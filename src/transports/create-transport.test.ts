import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from './create-transport.ts';
import { parseTransportUrl } from './parse-transport-url.ts';
import { startSmscServer } from './smsc-server.ts';

test('createTransport builds the transport each TEXTO_TRANSPORT names', async () => {
  const server = await startSmscServer();
  const cases = [
    { url: 'simulator', kind: 'simulator' },
    { url: `smpp://texto:pw@127.0.0.1:${server.port}`, kind: 'smpp' },
    { url: 'kannel+http://127.0.0.1:13013/cgi-bin/sendsms?username=u&password=p', kind: 'kannel' },
    { url: 'webhook+http://127.0.0.1:9/sms', kind: 'webhook' },
  ];
  for (const c of cases) {
    const transport = await createTransport(parseTransportUrl(c.url), {
      onInbound: () => {},
      inbound: { host: '127.0.0.1', port: 0 },
      webhookSecret: 'secret',
      log: () => {},
    });
    assert.equal(transport.kind, c.kind);
    await transport.close();
  }
  await assert.rejects(
    createTransport(parseTransportUrl('webhook+https://x.example/sms'), { onInbound: () => {} }),
    /secret/,
  );
  await server.close();
});
