import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { seedCampaign } from '../dispatch/dispatch-test-kit.ts';
import { handleReply } from '../services/inbound.ts';
import { openStore } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import { runCli } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'texto-dispatch-cli-'));
const env = { TEXTO_DATA_DIR: dir, TEXTO_TRANSPORT: 'simulator' };
const longAgo = Date.parse('2026-11-02T09:00:00Z');
let campaign = '';
let phones: string[] = [];

before(async () => {
  const store = openStore({ dataDir: dir });
  await migrateStore(store, new Date(longAgo));
  ({ id: campaign, phones } = await seedCampaign(store, { count: 12, plannedAt: longAgo }));
  await store.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  stdin.end();
  const code = await runCli(argv, { stdout, stderr, stdin, interactive: false }, env);
  return { code, out, err };
}

test('campaign status --json counts messages by state and parts by delivery status', async () => {
  const r = await run(['campaign', 'status', campaign, '--json']);
  assert.equal(r.code, 0, r.err);
  const status = JSON.parse(r.out);
  assert.equal(status.campaign, campaign);
  assert.equal(status.total, 12);
  assert.equal(status.states.planned, 12);
  assert.equal(status.states.unknown, 0);
  assert.deepEqual(status.delivery, {});
  assert.equal((await run(['campaign', 'status', 'cmp_nope', '--json'])).code, 2);
});

test('campaign send dispatches what the windows allow now and replans the rest', async () => {
  const started = Date.now();
  const r = await run(['campaign', 'send', campaign, '--json', '--receipt-wait', '3']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out);
  const { states } = result.status;
  assert.equal(states.claimed + states.submitting, 0, 'nothing left claimed or submitting');
  const handed =
    states.submitted + states.delivered + states.undeliverable + states.expired + states.failed;
  // Inside the window now (this test may run at any hour): sent; outside: back to planned.
  assert.equal(handed + states.planned + states.cancelled, 12, JSON.stringify(states));
  assert.equal(result.dispatched.submitted, handed);
  if (states.planned > 0) assert.ok(result.dispatched.replanned > 0);
  const store = openStore({ dataDir: dir });
  try {
    const planned = await store.db
      .selectFrom('messages' as never)
      .select(['planned_at' as never])
      .where('state' as never, '=', 'planned' as never)
      .execute();
    for (const p of planned as Array<{ planned_at: string }>) {
      assert.ok(Date.parse(p.planned_at) >= started, 'replanned to a coming window');
    }
  } finally {
    await store.close();
  }
});

test('inbound list --json shows replies with their interpretation', async () => {
  const store = openStore({ dataDir: dir });
  try {
    await migrateStore(store, new Date());
    // the number was messaged by the campaign (sent or not, the reply is matched when it was)
    await store.db
      .updateTable('messages' as never)
      .set({ state: 'delivered' } as never)
      .where('phone' as never, '=', phones[0] as never)
      .execute();
    await handleReply(
      store,
      { from: phones[0]!, to: '36180', text: 'Arrêt', at: new Date() },
      new Date(),
    );
  } finally {
    await store.close();
  }
  const r = await run(['inbound', 'list', '--json']);
  assert.equal(r.code, 0, r.err);
  const replies = JSON.parse(r.out);
  assert.equal(replies.length, 1);
  assert.equal(replies[0].interpretation, 'stop');
  assert.equal(replies[0].action, 'suppressed');
  assert.equal(replies[0].from, phones[0]);
  assert.equal((await run(['inbound', 'list', '--limit', 'x'])).code, 2);
});

test('worker --clock-start is refused towards a non-loopback gateway', async () => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await runCli(
    ['worker', '--clock-start', '2026-12-01T10:00:00Z'],
    { stdout, stderr, stdin: new PassThrough(), interactive: false },
    { ...env, TEXTO_TRANSPORT: 'smpp://texto:pw@smsc.example.com:2775' },
  );
  assert.equal(code, 2);
  assert.match(err, /loopback/);
});
