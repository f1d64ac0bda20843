import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { startDispatch } from '../dispatch/start-dispatch.ts';

test('the HTTP gateways start from the configuration: Kannel’s listener, the webhook secret', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'texto-wire-'));
  try {
    for (const [transport, extra] of [
      ['kannel+http://127.0.0.1:1/cgi-bin/sendsms?username=u&password=p', {}],
      [
        'webhook+http://127.0.0.1:1/sms',
        { TEXTO_WEBHOOK_SECRET: 'a-shared-secret-of-some-length' },
      ],
    ] as const) {
      const app = createApp(
        loadConfig({
          TEXTO_DATA_DIR: dataDir,
          TEXTO_TRANSPORT: transport,
          TEXTO_INBOUND_PORT: '0',
          ...extra,
        }),
      );
      const runtime = await app.dispatch();
      await runtime.close();
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a webhook transport without its secret is refused with the variable to set', () => {
  assert.throws(
    () => loadConfig({ TEXTO_TRANSPORT: 'webhook+https://provider.example/sms' }),
    /TEXTO_WEBHOOK_SECRET: required with a webhook\+ TEXTO_TRANSPORT/,
  );
  assert.throws(() => loadConfig({ TEXTO_WEBHOOK_SECRET: 'short' }), /at least 16 characters/);
});

test('a transport that cannot start leaves no writer thread behind', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'texto-wire-'));
  const app = createApp(loadConfig({ TEXTO_DATA_DIR: dataDir }));
  try {
    const store = await app.store();
    await assert.rejects(
      startDispatch({
        store,
        onReply: async () => {},
        transport: async () => {
          throw new Error('gateway refused');
        },
      }),
      /gateway refused/,
    );
    // Were the writer thread left open, this file's test process would never end.
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
