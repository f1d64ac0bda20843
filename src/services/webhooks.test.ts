import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { verifyWebhook, webhookHeaders } from '../transports/sign-webhook.ts';
import { createOwnedWorkspace, createUser, type Principal } from './accounts.ts';
import { saveAudience } from './audiences.ts';
import { cancelCampaign, createCampaign } from './campaigns.ts';
import {
  collectWebhookEvents,
  createWebhook,
  deliverDueWebhooks,
  listWebhookDeliveries,
  removeWebhook,
} from './webhooks.ts';

/**
 * Webhooks out against a loopback node:http receiver: signed (HMAC-SHA256 over
 * "timestamp.body"), campaign state changes queued once, retried with backoff after a 500
 * and after a closed port, failed after the last attempt, all in the delivery log.
 */
const now = testEpoch;

async function receiver(answer: () => number) {
  const got: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = answer();
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/texto`;
  return { got, url, close: () => new Promise((r) => server.close(r)) };
}

forEachDatabase('webhooks: signed delivery, retries with backoff, delivery log', async (store) => {
  const user = await createUser(
    store,
    { email: 'o@example.fr', password: 'long enough pass' },
    now,
  );
  const owner: Principal = {
    kind: 'user',
    id: user.id,
    email: user.email,
    name: null,
    isAdmin: false,
    sessionId: '',
    csrfHash: '',
  };
  const ws = await createOwnedWorkspace(store, owner, { name: 'Hooked' }, now);
  const other = await createOwnedWorkspace(store, owner, { name: 'Silent' }, now);
  let status = 500;
  const r = await receiver(() => status);
  const made = await createWebhook(
    store,
    ws.id,
    { url: r.url, events: ['campaign.state'] },
    owner,
    now,
  );
  await saveAudience(store, { workspace: ws.id, name: 'tous', filter: { all: [] } }, now);
  await saveAudience(store, { workspace: other.id, name: 'tous', filter: { all: [] } }, now);
  const base = { name: 'S', sender: 'DUPONT', text: 'Promo STOP au 36180', audiences: ['tous'] };
  const campaign = await createCampaign(store, { ...base, workspace: ws.id }, now);
  await createCampaign(store, { ...base, workspace: other.id }, now);

  assert.equal(
    await collectWebhookEvents(store, now),
    1,
    'one draft seen, in the hooked workspace',
  );
  assert.equal(await collectWebhookEvents(store, now), 0, 'queued once');
  const backoff = [10, 60];
  // Attempt 1: the receiver answers 500 → retried 10 s later.
  let tally = await deliverDueWebhooks(store, now, { backoffSeconds: backoff });
  assert.deepEqual(tally, { delivered: 0, retried: 1, failed: 0 });
  assert.equal(r.got.length, 1);
  const first = r.got[0]!;
  const signed = verifyWebhook(
    made.secret,
    {
      timestamp: first.headers[webhookHeaders.timestamp] as string,
      signature: first.headers[webhookHeaders.signature] as string,
    },
    first.body,
    Math.floor(now.getTime() / 1000),
  );
  assert.deepEqual(signed, { ok: true });
  assert.equal(first.headers['x-texto-event'], 'campaign.state');
  assert.deepEqual(JSON.parse(first.body).data, { campaignId: campaign.id, state: 'draft' });
  assert.deepEqual(await deliverDueWebhooks(store, new Date(now.getTime() + 9_000)), {
    delivered: 0,
    retried: 0,
    failed: 0,
  });
  // Attempt 2 after 10 s: 200 → delivered.
  status = 200;
  tally = await deliverDueWebhooks(store, new Date(now.getTime() + 10_000), {
    backoffSeconds: backoff,
  });
  assert.deepEqual(tally, { delivered: 1, retried: 0, failed: 0 });
  let log = await listWebhookDeliveries(store, ws.id, { limit: 10 });
  assert.equal(log.length, 1);
  assert.equal(log[0]!.state, 'delivered');
  assert.equal(log[0]!.attempts, 2);
  assert.equal(log[0]!.last_status, 200);
  assert.deepEqual(await listWebhookDeliveries(store, other.id, { limit: 10 }), []);

  // A state change (cancel) → a new event; the receiver is gone → retried, then failed.
  await cancelCampaign(store, { workspace: ws.id, id: campaign.id }, now);
  await r.close();
  assert.equal(await collectWebhookEvents(store, now), 1);
  const t0 = now.getTime() + 20_000;
  assert.equal(
    (await deliverDueWebhooks(store, new Date(t0), { backoffSeconds: backoff })).retried,
    1,
  );
  assert.equal(
    (await deliverDueWebhooks(store, new Date(t0 + 10_000), { backoffSeconds: backoff })).retried,
    1,
  );
  assert.equal(
    (await deliverDueWebhooks(store, new Date(t0 + 69_000), { backoffSeconds: backoff })).retried,
    0,
    'waits 60 s',
  );
  assert.equal(
    (await deliverDueWebhooks(store, new Date(t0 + 70_000), { backoffSeconds: backoff })).failed,
    1,
  );
  log = await listWebhookDeliveries(store, ws.id, { limit: 10 });
  assert.equal(log[0]!.state, 'failed');
  assert.equal(log[0]!.attempts, 3);
  assert.ok(log[0]!.last_error);
  assert.equal(log[0]!.event_type, 'campaign.state');
  assert.match(log[0]!.payload, /"state":"cancelled"/);
  await removeWebhook(store, ws.id, made.webhook.id, owner, now);
  assert.equal(await collectWebhookEvents(store, now), 0);
});
