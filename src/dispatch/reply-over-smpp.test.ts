/**
 * A STOP sent by a mobile through the SMSC (deliver_sm MO) reaches the inbound service through
 * the app's wiring: the number is suppressed and its pending messages cancelled within 1 s.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { messageTables } from '../store/messages.ts';
import { findActiveSuppression } from '../store/suppressions.ts';
import { startSmscServer } from '../transports/smsc-server.ts';
import { readMessages, seedCampaign, tuesdayMorning, waitUntil } from './dispatch-test-kit.ts';

test('a STOP over SMPP suppresses the number and cancels its pending messages within 1 s', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'texto-reply-'));
  const smsc = await startSmscServer({ dlrDelayMs: 0 });
  const app = createApp(
    loadConfig({
      TEXTO_DATA_DIR: dir,
      TEXTO_TRANSPORT: `smpp://texto:pw@127.0.0.1:${smsc.port}?tps=100`,
    }),
  );
  t.after(async () => {
    await app.close();
    await smsc.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const store = await app.store();
  const sent = await seedCampaign(store, {
    count: 3,
    plannedAt: tuesdayMorning,
    state: 'completed',
  });
  const phone = sent.phones[0]!;
  await messageTables(store.db)
    .updateTable('messages')
    .set({ state: 'delivered' })
    .where('campaign_id', '=', sent.id)
    .execute();
  // A later campaign, paused: its messages to the same number wait (planned).
  const next = await seedCampaign(store, { count: 3, plannedAt: tuesdayMorning, state: 'paused' });
  await messageTables(store.db)
    .updateTable('messages')
    .set({ phone })
    .where('campaign_id', '=', next.id)
    .execute();

  const runtime = await app.dispatch({ clock: () => tuesdayMorning });
  try {
    assert.ok(await waitUntil(() => smsc.sendReply(phone, 'DUPONT', 'Arrêt'), 3000), 'bound');
    const started = Date.now();
    const done = await waitUntil(async () => {
      const rows = await readMessages(store, next.id);
      return rows.every((r) => r.state === 'cancelled');
    }, 2000);
    const elapsed = Date.now() - started;
    assert.ok(done, 'pending messages cancelled');
    assert.ok(elapsed <= 1000, `${elapsed} ms`);
    assert.equal((await findActiveSuppression(store.db, 'default', phone))?.reason, 'stop');
  } finally {
    await runtime.close();
  }
});
