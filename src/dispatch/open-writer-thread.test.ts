/**
 * The outcome writer on its own thread and SQLite connection (issue 8, throughput on SQLite):
 * same guarantees as on the dispatcher's thread — a receipt that overtakes its send result is
 * parked and matched, a failed write rejects its waiters, the full SMPP loop ends delivered
 * with no message submitted twice.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openStore, type Store } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import {
  clockFrom,
  countStates,
  readMessages,
  seedCampaign,
  startSmppDispatch,
  tuesdayMorning,
  waitUntil,
} from './dispatch-test-kit.ts';
import { openWriterThread } from './open-writer-thread.ts';
import { createOutcomeWriter } from './outcome-writer.ts';

async function withFileStore(work: (store: Store, file: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'texto-writer-thread-'));
  const file = join(dir, 'texto.db');
  const store = openStore({ sqlitePath: file });
  try {
    await migrateStore(store, new Date(tuesdayMorning));
    await work(store, file);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('writer thread: a receipt before its send result is parked, then settles the message', async () => {
  await withFileStore(async (store, file) => {
    const { id } = await seedCampaign(store, { count: 2, plannedAt: tuesdayMorning });
    await sql`UPDATE messages SET state = 'submitting' WHERE campaign_id = ${id}`.execute(store.db);
    const rows = await readMessages(store, id);
    const thread = await openWriterThread(file);
    const writer = createOutcomeWriter(store, () => tuesdayMorning, 1, thread.flush, thread.close);
    const at = new Date(tuesdayMorning);
    await writer.recordReceipt({ kind: 'receipt', gatewayId: 'g1', status: 'delivered', at });
    assert.equal(writer.stats.parked, 1, 'the receipt of an unknown id is parked');
    await writer.record(
      rows.map((r, i) => ({ kind: 'submitted' as const, id: r.id, partIds: [`g${i + 1}`] })),
    );
    await writer.close();
    const after = await readMessages(store, id);
    assert.deepEqual(countStates(after), { delivered: 1, submitted: 1 });
    const parked = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM pending_receipts`.execute(
      store.db,
    );
    assert.equal(Number(parked.rows[0]?.n), 0, 'the parked receipt was matched and removed');
  });
});

test('writer thread: a write that fails rejects its waiters instead of hanging', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'texto-writer-thread-'));
  try {
    // An empty database: no messages table, so the UPDATE fails inside the thread.
    const thread = await openWriterThread(join(dir, 'empty.db'));
    const writer = createOutcomeWriter(
      openStore({ sqlitePath: ':memory:' }),
      Date.now,
      1,
      thread.flush,
      thread.close,
    );
    await assert.rejects(
      writer.record([{ kind: 'submitted', id: 1, partIds: ['x'] }]),
      /outcome writer thread: .*messages/,
    );
    await writer.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writer thread: the SMPP loop on a SQLite file ends delivered, nothing submitted twice', async () => {
  await withFileStore(async (store) => {
    const { id, phones } = await seedCampaign(store, { count: 80, plannedAt: tuesdayMorning });
    const { smsc, runtime } = await startSmppDispatch(store, { dlrDelayMs: 0 }, 'tps=1000', {
      clock: clockFrom(tuesdayMorning),
    });
    try {
      await runtime.dispatcher.run({ untilIdle: true });
      const done = await waitUntil(
        async () => countStates(await readMessages(store, id)).delivered === 80,
        5000,
      );
      assert.ok(done, JSON.stringify(countStates(await readMessages(store, id))));
      assert.ok(runtime.writer.stats.flushes > 0);
    } finally {
      await runtime.close();
      await smsc.close();
    }
    const destinations = smsc.submits.map((s) => `+${s.destination}`);
    assert.equal(new Set(destinations).size, destinations.length, 'a message was submitted twice');
    assert.deepEqual([...destinations].sort(), [...phones].sort());
  });
});

test('writer: a reply handled exclusively never interleaves with a group commit', async () => {
  const events: string[] = [];
  const writer = createOutcomeWriter(
    openStore({ sqlitePath: ':memory:' }),
    Date.now,
    1,
    async () => {
      events.push('commit');
      return { receipts: 0, parked: 0 };
    },
  );
  const reply = writer.exclusive(async () => {
    events.push('reply start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    events.push('reply end');
  });
  await Promise.all([reply, writer.record([{ kind: 'submitted', id: 1, partIds: ['x'] }])]);
  await writer.close();
  assert.deepEqual(events, ['reply start', 'reply end', 'commit']);
});
