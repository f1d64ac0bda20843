import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { seedCampaign, tuesdayMorning } from '../dispatch/dispatch-test-kit.ts';
import {
  applyOnePartReceipts,
  claimDueMessages,
  markSubmitted,
  markSubmitting,
  updateMessages,
} from './message-queue.ts';
import { forEachDatabase } from './test-databases.ts';

// 683 = 512 + 128 + 32 + 8 + 3 × 1: every fixed statement size, and a remainder, in one call.
const count = 683;

forEachDatabase(
  'message queue: lists of any length are written whole, in fixed-size statements',
  async (store) => {
    const { id } = await seedCampaign(store, { count, plannedAt: tuesdayMorning });
    const now = new Date(tuesdayMorning + 1000).toISOString();
    const claimed = await claimDueMessages(store.db, store.capabilities, {
      workerId: 'w1',
      now,
      limit: 1000,
    });
    assert.equal(claimed.length, count);
    const ids = claimed.map((m) => m.id);
    assert.equal((await markSubmitting(store.db, 'w1', ids, now)).size, count);
    await markSubmitted(
      store.db,
      ids.map((m) => ({ id: m, gatewayId: `gw${m}` })),
      now,
    );
    const states = async () => {
      const r = await sql<{ state: string; n: number }>`SELECT state, COUNT(*) AS n FROM messages
      WHERE campaign_id = ${id} GROUP BY state ORDER BY state`.execute(store.db);
      return Object.fromEntries(r.rows.map((row) => [row.state, Number(row.n)]));
    };
    assert.deepEqual(await states(), { submitted: count });
    const receipted = ids.slice(0, count - 41);
    const matched = await applyOnePartReceipts(
      store.db,
      { status: 'delivered', settled: 'delivered', errorCode: null },
      [...receipted.map((m) => `gw${m}`), 'gw-unknown'],
      now,
    );
    assert.equal(matched.size, receipted.length);
    assert.equal(matched.has('gw-unknown'), false);
    const failed = ids.slice(count - 41);
    const changed = await updateMessages(
      store.db,
      failed.map((m) => ({ id: m, state: 'failed', errorCode: 'smpp:0x0000000b' })),
      now,
      ['submitted'],
    );
    assert.equal(changed, failed.length);
    assert.deepEqual(await states(), { delivered: count - 41, failed: 41 });
  },
);
