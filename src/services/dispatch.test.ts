import assert from 'node:assert/strict';
import { seedCampaign, tuesdayMorning } from '../dispatch/dispatch-test-kit.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { changeCampaignSending, describeCampaignStatus, prepareCampaignSend } from './dispatch.ts';

const now = new Date(tuesdayMorning);

forEachDatabase(
  'dispatch service: pause and resume a sending campaign; send refuses a paused one',
  async (store) => {
    const { id } = await seedCampaign(store, {
      count: 3,
      plannedAt: tuesdayMorning,
      state: 'sending',
    });
    const ref = { id };
    assert.deepEqual(await changeCampaignSending(store, ref, 'pause', now), {
      ok: true,
      state: 'paused',
    });
    const again = await changeCampaignSending(store, ref, 'pause', now);
    assert.equal(again.ok, false);
    const refused = await prepareCampaignSend(store, {}, ref, now);
    assert.equal(refused.ok, false);
    assert.deepEqual(await changeCampaignSending(store, ref, 'resume', now), {
      ok: true,
      state: 'sending',
    });
    const ready = await prepareCampaignSend(store, {}, ref, now);
    assert.deepEqual(ready, { ok: true, campaign: id, workspaceId: 'default', scheduled: null });
    const status = await describeCampaignStatus(store, ref);
    assert.equal(status.state, 'sending');
    assert.equal(status.states.planned, 3);
    assert.equal(status.total, 3);
  },
);
