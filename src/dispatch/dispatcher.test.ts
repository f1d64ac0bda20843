/**
 * The dispatcher against the simulator SMSC over SMPP on loopback, on every test database:
 * the full loop, windows closing mid-run, faults (throttling, dropped links, slow answers,
 * dropped receipts), pause within a second, crash recovery. After each: no message submitted
 * twice (the SMSC records every submit), every message accounted for, none outside its window.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeCampaignStatus } from '../services/dispatch.ts';
import { listAuditEntries } from '../store/audit-log.ts';
import { campaignTables } from '../store/campaigns.ts';
import { openStore, type Store } from '../store/db.ts';
import { countParkedReceipts, parkReceipts } from '../store/message-parts.ts';
import { messageTables } from '../store/messages.ts';
import { migrateStore } from '../store/migrate.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { writeSendingSettings } from '../store/workspace-settings.ts';
import {
  clockFrom,
  countStates,
  readMessages,
  seedCampaign,
  startSmppDispatch,
  tuesdayMorning,
  waitUntil,
} from './dispatch-test-kit.ts';

function assertNoDoubleSubmit(destinations: readonly string[]): void {
  assert.equal(new Set(destinations).size, destinations.length, 'a message was submitted twice');
}

forEachDatabase(
  'dispatch until idle with a horizon: waits for paced messages, not for a later window',
  async (store) => {
    const clock = clockFrom(tuesdayMorning);
    const { id, phones } = await seedCampaign(store, { count: 12, plannedAt: tuesdayMorning });
    // As a plan paces them: a few due now, the rest over the next second and a half; two in
    // the evening's slot.
    const later = new Date(tuesdayMorning + 8 * 3600_000).toISOString();
    for (const [i, phone] of phones.entries()) {
      const at = i >= 10 ? later : new Date(tuesdayMorning + i * 150).toISOString();
      await messageTables(store.db)
        .updateTable('messages')
        .set({ planned_at: at })
        .where('phone', '=', phone)
        .execute();
    }
    const { smsc, runtime } = await startSmppDispatch(store, { dlrDelayMs: 0 }, 'tps=1000', {
      clock,
      campaignId: id,
    });
    try {
      await runtime.dispatcher.run({ untilIdle: true, horizonMs: 5000 });
    } finally {
      await runtime.close();
      await smsc.close();
    }
    assert.equal(smsc.submits.length, 10, 'every paced message sent, none of the evening');
    const status = await describeCampaignStatus(store, { id });
    assert.equal(status.states.planned, 2);
    assert.equal(status.nextPlannedAt, later);
  },
);

forEachDatabase('dispatch: scheduled → delivered with a receipt per message', async (store) => {
  const clock = clockFrom(tuesdayMorning);
  const { id, phones } = await seedCampaign(store, { count: 60, plannedAt: tuesdayMorning });
  const { smsc, runtime } = await startSmppDispatch(store, { dlrDelayMs: 0 }, 'tps=1000', {
    clock,
  });
  try {
    await runtime.dispatcher.run({ untilIdle: true });
    const delivered = await waitUntil(
      async () => countStates(await readMessages(store, id)).delivered === 60,
      5000,
    );
    assert.ok(delivered, JSON.stringify(countStates(await readMessages(store, id))));
  } finally {
    await runtime.close();
    await smsc.close();
  }
  const destinations = smsc.submits.map((s) => `+${s.destination}`);
  assertNoDoubleSubmit(destinations);
  assert.deepEqual([...destinations].sort(), [...phones].sort());
  for (const s of smsc.submits) {
    assert.equal(s.registeredDelivery, 1);
    // validity_period = the end of the recipient's window: 20:00 in Paris
    assert.equal(new Date(s.validityPeriod as Date).toISOString(), '2026-12-01T19:00:00.000Z');
  }
  const campaign = await campaignTables(store.db)
    .selectFrom('campaigns')
    .select('state')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(campaign.state, 'completed');
  const status = await describeCampaignStatus(store, { id });
  assert.deepEqual(status.delivery, { delivered: 60 });
  assert.equal(status.states.delivered, 60);
});

forEachDatabase(
  'dispatch: a window closing mid-run sends the rest back to planned for the next one',
  async (store) => {
    const windowEnd = Date.parse('2026-12-01T19:00:00Z');
    const clock = clockFrom(windowEnd - 1500);
    const { id, phones } = await seedCampaign(store, { count: 40, plannedAt: windowEnd - 1500 });
    const submittedAt: number[] = [];
    const { smsc, runtime } = await startSmppDispatch(
      store,
      { dlrDelayMs: 0, onSubmit: () => submittedAt.push(clock()) },
      'tps=10',
      { clock, campaignId: id },
    );
    try {
      await runtime.dispatcher.run({ untilIdle: true });
    } finally {
      await runtime.close();
      await smsc.close();
    }
    assertNoDoubleSubmit(smsc.submits.map((s) => s.destination));
    assert.ok(submittedAt.length > 0 && submittedAt.length < 40, `${submittedAt.length} sent`);
    for (const t of submittedAt) assert.ok(t < windowEnd + 100, 'a submit left after the window');
    const rows = await readMessages(store, id);
    const planned = rows.filter((r) => r.state === 'planned');
    assert.equal(planned.length + submittedAt.length, phones.length);
    for (const r of planned) {
      // next opening: Wednesday 2 December in Paris, never the closed evening
      assert.ok(r.planned_at >= '2026-12-02T', r.planned_at);
      assert.equal(r.error_code, null);
    }
  },
);

forEachDatabase(
  'dispatch faults: throttling and queue full are retried, never doubled',
  async (store) => {
    const clock = clockFrom(tuesdayMorning);
    const { id } = await seedCampaign(store, { count: 80, plannedAt: tuesdayMorning });
    const { smsc, runtime } = await startSmppDispatch(
      store,
      { dlrDelayMs: 0, throttleRate: 0.3, queueFullRate: 0.1, seed: 3 },
      'tps=1000',
      // retries come back after their backoff on the test clock: run it 100× faster
      { clock: () => tuesdayMorning + (clock() - tuesdayMorning) * 100, campaignId: id },
    );
    try {
      await runtime.dispatcher.run({ untilIdle: true });
      await waitUntil(
        async () => countStates(await readMessages(store, id)).delivered === 80,
        5000,
      );
    } finally {
      await runtime.close();
      await smsc.close();
    }
    const accepted = smsc.submits.filter((s) => s.status === 0).map((s) => s.destination);
    assertNoDoubleSubmit(accepted);
    assert.ok(smsc.stats.throttled > 0 && smsc.stats.queueFull > 0);
    assert.equal(accepted.length, 80);
    assert.deepEqual(countStates(await readMessages(store, id)), { delivered: 80 });
  },
);

forEachDatabase(
  'dispatch faults: a dropped link makes in-flight messages unknown, never resent',
  async (store) => {
    const clock = clockFrom(tuesdayMorning);
    const { id } = await seedCampaign(store, { count: 60, plannedAt: tuesdayMorning });
    const { smsc, runtime } = await startSmppDispatch(
      store,
      { dlrDelayMs: 0, closeAfterSubmits: 25, responseDelayMs: 20 },
      'tps=1000&window=5',
      { clock, campaignId: id },
    );
    try {
      await runtime.dispatcher.run({ untilIdle: true });
      await waitUntil(async () => !countStates(await readMessages(store, id)).submitted, 3000);
    } finally {
      await runtime.close();
      await smsc.close();
    }
    const accepted = smsc.submits.filter((s) => s.status === 0).map((s) => s.destination);
    assertNoDoubleSubmit(smsc.submits.map((s) => s.destination));
    const states = countStates(await readMessages(store, id));
    assert.equal((states.delivered ?? 0) + (states.unknown ?? 0), 60, JSON.stringify(states));
    assert.ok((states.delivered ?? 0) <= accepted.length);
  },
);

forEachDatabase(
  'dispatch faults: slow answers and dropped receipts leave messages submitted, accounted for',
  async (store) => {
    const clock = clockFrom(tuesdayMorning);
    const { id } = await seedCampaign(store, { count: 40, plannedAt: tuesdayMorning });
    const { smsc, runtime } = await startSmppDispatch(
      store,
      { dlrDelayMs: 0, responseDelayMs: 150, dropReceiptRate: 0.5, seed: 7 },
      'tps=1000&window=20',
      { clock, campaignId: id },
    );
    try {
      await runtime.dispatcher.run({ untilIdle: true });
      await waitUntil(() => smsc.stats.receiptsAcked + smsc.stats.receiptsDropped >= 40, 3000);
    } finally {
      await runtime.close();
      await smsc.close();
    }
    assertNoDoubleSubmit(smsc.submits.map((s) => s.destination));
    const states = countStates(await readMessages(store, id));
    assert.equal(smsc.submits.length, 40);
    assert.ok(smsc.stats.receiptsDropped > 0);
    assert.equal(states.delivered, smsc.stats.receiptsSent);
    assert.equal((states.delivered ?? 0) + (states.submitted ?? 0), 40, JSON.stringify(states));
  },
);

forEachDatabase(
  'dispatch: a pause takes effect within a second, nothing stays claimed',
  async (store) => {
    const clock = clockFrom(tuesdayMorning);
    const { id } = await seedCampaign(store, { count: 200, plannedAt: tuesdayMorning });
    const submits: number[] = [];
    const { smsc, runtime } = await startSmppDispatch(
      store,
      { dlrDelayMs: 0, onSubmit: () => submits.push(Date.now()) },
      'tps=40',
      { clock, campaignId: id },
    );
    const running = runtime.dispatcher.run();
    let pausedAt = 0;
    try {
      await waitUntil(() => submits.length >= 20, 3000);
      await campaignTables(store.db)
        .updateTable('campaigns')
        .set({ state: 'paused' })
        .where('id', '=', id)
        .execute();
      pausedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await runtime.close();
      await running;
      await smsc.close();
    }
    const late = submits.filter((t) => t > pausedAt + 1000);
    assert.equal(late.length, 0, `${late.length} submits more than 1 s after the pause`);
    const states = countStates(await readMessages(store, id));
    assert.equal(states.claimed, undefined);
    assert.ok((states.planned ?? 0) > 100, JSON.stringify(states));
  },
);

forEachDatabase(
  'dispatch: start-up turns a dead worker’s submitting into unknown, claimed into planned',
  async (store) => {
    const { id } = await seedCampaign(store, { count: 6, plannedAt: tuesdayMorning });
    const rows = await readMessages(store, id);
    const set = (ids: number[], state: 'submitting' | 'claimed') =>
      messageTables(store.db)
        .updateTable('messages')
        .set({ state })
        .where('id', 'in', ids)
        .execute();
    await set([rows[0]!.id, rows[1]!.id], 'submitting');
    await set([rows[2]!.id], 'claimed');
    const clock = clockFrom(tuesdayMorning);
    const { smsc, runtime } = await startSmppDispatch(store, { dlrDelayMs: 0 }, 'tps=100', {
      clock,
    });
    try {
      assert.equal(runtime.dispatcher.stats.recoveredUnknown, 2);
      await runtime.dispatcher.run({ untilIdle: true });
      await waitUntil(async () => countStates(await readMessages(store, id)).delivered === 4, 3000);
    } finally {
      await runtime.close();
      await smsc.close();
    }
    assert.deepEqual(countStates(await readMessages(store, id)), { unknown: 2, delivered: 4 });
    assert.equal(smsc.submits.length, 4);
    assert.ok(!smsc.submits.some((s) => `+${s.destination}` === rows[0]!.phone));
  },
);

forEachDatabase(
  'dispatch: two workers share the account TPS and never exceed it',
  async (store) => {
    const clock = clockFrom(tuesdayMorning);
    const { id } = await seedCampaign(store, { count: 90, plannedAt: tuesdayMorning });
    const stamps: number[] = [];
    const a = await startSmppDispatch(
      store,
      { dlrDelayMs: 0, onSubmit: () => stamps.push(performance.now()) },
      'tps=30',
      { clock, campaignId: id },
    );
    const b = await startSmppDispatch(
      store,
      { dlrDelayMs: 0, onSubmit: () => stamps.push(performance.now()) },
      'tps=30',
      { clock, campaignId: id },
    );
    try {
      await Promise.all([
        a.runtime.dispatcher.run({ untilIdle: true }),
        b.runtime.dispatcher.run({ untilIdle: true }),
      ]);
    } finally {
      await Promise.all([a.runtime.close(), b.runtime.close()]);
      await Promise.all([a.smsc.close(), b.smsc.close()]);
    }
    stamps.sort((x, y) => x - y);
    let worst = 0;
    for (let i = 0, j = 0; i < stamps.length; i++) {
      while (stamps[i]! - stamps[j]! >= 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    assert.ok(worst <= 30, `${worst} submits in one second for tps=30`);
    assert.equal(stamps.length, 90);
    assert.equal(
      a.runtime.dispatcher.stats.liveWorkers + b.runtime.dispatcher.stats.liveWorkers,
      4,
    );
    assertNoDoubleSubmit([...a.smsc.submits, ...b.smsc.submits].map((s) => s.destination));
    const states = countStates(await readMessages(store, id));
    assert.equal((states.submitted ?? 0) + (states.delivered ?? 0), 90, JSON.stringify(states));
  },
);

const stopAu36180 = 'Dupont: -20% ce samedi ! STOP au 36180';

/** A scheduled campaign whose template (what the hand-off re-checks) is `text`. */
async function seedWithTemplate(store: Store, count: number, text: string) {
  const seeded = await seedCampaign(store, { count, plannedAt: tuesdayMorning, text });
  await campaignTables(store.db)
    .updateTable('campaigns')
    .set({ template: text })
    .where('id', '=', seeded.id)
    .execute();
  return seeded;
}

/** One dispatcher run until idle on a server whose STOP code is `stopCode`; what it submitted. */
async function dispatchWithStopCode(store: Store, stopCode: string) {
  const { smsc, runtime } = await startSmppDispatch(store, { dlrDelayMs: 0 }, 'tps=1000', {
    clock: clockFrom(tuesdayMorning),
    stopCode,
  });
  try {
    await runtime.dispatcher.run({ untilIdle: true });
  } finally {
    await runtime.close();
    await smsc.close();
  }
  return smsc.submits.length;
}

forEachDatabase(
  'dispatch: a campaign whose STOP code is no longer the workspace’s is paused, nothing sent',
  async (store) => {
    const held = await seedWithTemplate(store, 5, stopAu36180);
    // The workspace changed its STOP code after the campaign was scheduled.
    await writeSendingSettings(
      store.db,
      'default',
      { senders: [], defaultSender: null, stopCode: '36111', defaultPolicy: null },
      new Date(tuesdayMorning),
    );
    assert.equal(await dispatchWithStopCode(store, '36180'), 0);
    const status = await describeCampaignStatus(store, { id: held.id });
    assert.equal(status.state, 'paused');
    assert.equal(status.states.planned, 5, 'kept, to be sent once the text is fixed');
    const [entry] = await listAuditEntries(store.db, 'default', { limit: 1 });
    assert.equal(entry?.action, 'campaign.paused_stop_code_changed');
    assert.deepEqual(JSON.parse(entry!.details), { mentioned: '36180', expected: '36111' });
  },
);

forEachDatabase(
  'dispatch: without a workspace STOP code the server’s is the one a text must mention',
  async (store) => {
    await seedWithTemplate(store, 3, stopAu36180);
    assert.equal(await dispatchWithStopCode(store, '36180'), 3);
    const again = await seedWithTemplate(store, 2, stopAu36180);
    assert.equal(await dispatchWithStopCode(store, '36222'), 0);
    assert.equal((await describeCampaignStatus(store, { id: again.id })).state, 'paused');
  },
);

test('dispatch: receipts that arrive after the dispatcher stopped are still written', async () => {
  // A SQLite file: its outcomes and receipts are written by the writer thread.
  const dataDir = mkdtempSync(join(tmpdir(), 'texto-late-receipts-'));
  const store = openStore({ dataDir });
  await migrateStore(store, new Date(tuesdayMorning));
  const { id } = await seedCampaign(store, { count: 5, plannedAt: tuesdayMorning });
  // Receipts come 300 ms after each submit: after the dispatcher has stopped claiming.
  const { smsc, runtime } = await startSmppDispatch(store, { dlrDelayMs: 300 }, 'tps=1000', {
    clock: clockFrom(tuesdayMorning),
  });
  try {
    await runtime.dispatcher.run({ untilIdle: true });
    await runtime.dispatcher.stop();
    const delivered = await waitUntil(
      async () => countStates(await readMessages(store, id)).delivered === 5,
      5000,
    );
    assert.ok(delivered, JSON.stringify(countStates(await readMessages(store, id))));
  } finally {
    await runtime.close();
    await smsc.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

forEachDatabase(
  'dispatch: receipts parked for days are pruned by a worker’s sweep',
  async (store) => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await parkReceipts(store.db, [
      { gatewayId: 'gw-old', status: 'delivered', errorCode: null, at: daysAgo(4) },
      { gatewayId: 'gw-new', status: 'delivered', errorCode: null, at: daysAgo(1) },
    ]);
    const { smsc, runtime } = await startSmppDispatch(store, { dlrDelayMs: 0 }, 'tps=1000', {
      clock: clockFrom(tuesdayMorning),
    });
    try {
      // The sweep runs once per aliveMs (1 s in the test kit).
      const pruned = await waitUntil(async () => (await countParkedReceipts(store.db)) === 1, 5000);
      assert.ok(pruned, `${await countParkedReceipts(store.db)} parked`);
    } finally {
      await runtime.close();
      await smsc.close();
    }
  },
);
