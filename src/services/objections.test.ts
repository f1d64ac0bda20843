import assert from 'node:assert/strict';
import { findActiveSuppression } from '../store/suppressions.ts';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { describeListUsage } from './list-usage.ts';
import { orderList } from './market.ts';
import { listPhones, setUpMarket } from './market-fixture.ts';
import { suppressNumber } from './suppression.ts';

const now = testEpoch;
const paris = JSON.stringify({ all: [{ field: 'department', in: ['75'] }] });

forEachDatabase(
  'an objection passes along a purchase: owner to buyers, buyer to owner (LIST-04)',
  async (store) => {
    const { p, c, list } = await setUpMarket(store);
    const order = await orderList(
      store,
      { workspace: 'Buyer', list: list.id, filter: paris, type: 'purchase' },
      now,
    );
    assert.ok(order.ok);
    const origin = async (workspaceId: string, phone: string) =>
      (await findActiveSuppression(store.db, workspaceId, phone))?.origin ?? null;

    // The owner records an objection: the buyer's copy is suppressed too.
    await suppressNumber(store, p.id, listPhones[0]!, { reason: 'stop', origin: 'api' }, now);
    assert.equal(await origin(c.id, listPhones[0]!), `list-owner:${list.id}`);

    // The buyer receives a STOP: the owner suppresses the number and its feed shows it.
    await suppressNumber(store, c.id, listPhones[1]!, { reason: 'stop', origin: 'api' }, now);
    assert.equal(await origin(p.id, listPhones[1]!), `buyer:${c.id}`);
    const [usage] = await describeListUsage(store, 'Prov');
    assert.deepEqual([usage?.stops.total, usage?.stops.unapplied], [1, 0]);

    // A manual suppression is the workspace's own business, not an objection.
    await suppressNumber(store, p.id, listPhones[2]!, { reason: 'manual', origin: 'api' }, now);
    assert.equal(await origin(c.id, listPhones[2]!), null);
  },
);
