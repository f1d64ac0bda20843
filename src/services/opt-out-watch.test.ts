import assert from 'node:assert/strict';
import { testCampaignRow, testMessageRow } from '../dispatch/dispatch-test-kit.ts';
import { listAuditEntries } from '../store/audit-log.ts';
import { findCampaign, insertCampaign } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { messageTables } from '../store/messages.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { handleReply } from './inbound.ts';
import { createOptOutWatch, tallyOptOuts } from './opt-out-watch.ts';

const start = new Date('2026-12-01T10:00:00Z');
const phoneOf = (i: number) => `+336120${String(i).padStart(5, '0')}`;

/** A sending campaign that handed `sent` messages to the gateway and has one still planned. */
async function sendingCampaign(store: Store, id: string, sent: number, first = 0) {
  const at = start.toISOString();
  await insertCampaign(store.db, testCampaignRow(id, at, { state: 'sending' }));
  const rows = Array.from({ length: sent + 1 }, (_, i) =>
    testMessageRow({
      campaignId: id,
      contactId: first + i + 1,
      phone: phoneOf(first + i),
      at,
      state: i === sent ? 'planned' : i % 2 ? 'delivered' : 'submitted',
      text: 'Promo STOP au 36180',
    }),
  );
  for (let i = 0; i < rows.length; i += 100) {
    await messageTables(store.db)
      .insertInto('messages')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

const stop = (i: number, at: Date) => ({ from: phoneOf(i), to: '36180', text: 'STOP', at });

forEachDatabase(
  'FR-SND-04: a campaign drawing too many STOPs is paused once, audited',
  async (store) => {
    await sendingCampaign(store, 'cmp_guard', 200);
    // Throttle off here (everyMs 0): each STOP tallies the campaign.
    const watch = createOptOutWatch(store, { percent: 5, minimumSent: 200 }, { everyMs: 0 });
    for (let i = 0; i < 9; i++) {
      const outcome = await handleReply(store, stop(i, start), start, { optOutWatch: watch });
      assert.equal(outcome.pausedCampaign, undefined);
    }
    assert.equal((await findCampaign(store.db, 'default', 'cmp_guard'))?.state, 'sending');
    // The tenth STOP of 200 messages sent is 5 %: paused.
    const tenth = await handleReply(store, stop(9, start), start, { optOutWatch: watch });
    assert.equal(tenth.pausedCampaign, true);
    assert.equal((await findCampaign(store.db, 'default', 'cmp_guard'))?.state, 'paused');
    assert.deepEqual(await tallyOptOuts(store, 'default', 'cmp_guard'), { optOuts: 10, sent: 200 });
    const [entry] = await listAuditEntries(store.db, 'default', { limit: 1 });
    assert.equal(entry?.action, 'campaign.paused_for_opt_outs');
    assert.equal(entry?.actor_kind, 'system');
    assert.deepEqual(JSON.parse(entry!.details), {
      optOuts: 10,
      sent: 200,
      percent: 5,
      threshold: 5,
    });
    // Resumed by the marketer: the guard, even a new one (another process), does not pause again.
    await store.db
      .updateTable('campaigns' as never)
      .set({ state: 'sending' } as never)
      .where('id' as never, '=', 'cmp_guard' as never)
      .execute();
    const again = createOptOutWatch(store, { percent: 5, minimumSent: 200 }, { everyMs: 0 });
    const eleventh = await handleReply(store, stop(10, start), start, { optOutWatch: again });
    assert.equal(eleventh.pausedCampaign, undefined);
    assert.equal((await findCampaign(store.db, 'default', 'cmp_guard'))?.state, 'sending');
  },
);

forEachDatabase(
  'the opt-out guard: off at 0 %, and a campaign tallied once per interval',
  async (store) => {
    await sendingCampaign(store, 'cmp_off', 200);
    const off = createOptOutWatch(store, { percent: 0, minimumSent: 200 }, { everyMs: 0 });
    for (let i = 0; i < 20; i++)
      await handleReply(store, stop(i, start), start, { optOutWatch: off });
    assert.equal((await findCampaign(store.db, 'default', 'cmp_off'))?.state, 'sending');

    // Other numbers: their replies are this campaign's.
    await sendingCampaign(store, 'cmp_burst', 200, 1000);
    const watch = createOptOutWatch(store, { percent: 5, minimumSent: 200 }, { everyMs: 5_000 });
    const at = (ms: number) => new Date(start.getTime() + ms);
    // Tallied at the first STOP (1 of 200); the next ones within 5 s are not, the tenth included.
    for (let i = 0; i < 10; i++) {
      const outcome = await handleReply(store, stop(1000 + i, at(i * 100)), at(i * 100), {
        optOutWatch: watch,
      });
      assert.equal(outcome.pausedCampaign, undefined);
    }
    assert.equal((await findCampaign(store.db, 'default', 'cmp_burst'))?.state, 'sending');
    // The first STOP 5 s later tallies again: 11 of 200, paused.
    const later = await handleReply(store, stop(1010, at(5_000)), at(5_000), {
      optOutWatch: watch,
    });
    assert.equal(later.pausedCampaign, true);
  },
);
