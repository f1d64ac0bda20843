import assert from 'node:assert/strict';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { describeListUsage } from './list-usage.ts';
import { listPhones, seedPhone, setUpMarket } from './market-fixture.ts';
import { createSeedWatch } from './seed-watch.ts';

forEachDatabase(
  'seed watch: a seed reached outside a licensed campaign alerts the provider',
  async (store) => {
    const { b } = await setUpMarket(store);
    let clock = testEpoch.getTime();
    const watch = createSeedWatch(store, { refreshMs: 1000, now: () => new Date(clock) });
    // A list number that is not a seed: no alert, whoever sends it.
    assert.deepEqual(await watch({ workspaceId: b.id, campaignId: 'c1', phone: listPhones[0]! }), {
      alerts: 0,
    });
    // The seed in a campaign of a workspace holding no licence on the list: misuse.
    assert.deepEqual(await watch({ workspaceId: b.id, campaignId: 'c7', phone: seedPhone }), {
      alerts: 1,
    });
    clock += 2000;
    assert.deepEqual(await watch({ workspaceId: b.id, campaignId: 'c8', phone: seedPhone }), {
      alerts: 1,
    });
    const [usage] = await describeListUsage(store, 'Prov');
    assert.deepEqual(
      usage?.seedAlerts.map((s) => [s.seed, s.campaignId, s.sender]),
      [
        [seedPhone, 'c7', `Canal Plus (${b.id})`],
        [seedPhone, 'c8', `Canal Plus (${b.id})`],
      ],
    );
  },
);
