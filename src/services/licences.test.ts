import assert from 'node:assert/strict';
import { iterateContacts } from '../store/contacts.ts';
import type { Store } from '../store/db.ts';
import { writeMarketSettings } from '../store/market-settings.ts';
import { listSuppressions } from '../store/suppressions.ts';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { countAudience } from './audiences.ts';
import {
  checkCampaignLicences,
  checkSeedDelivery,
  consumeRental,
  listWorkspaceLicences,
  recordStopForRental,
} from './licences.ts';
import { applyStopFeed, describeListUsage } from './list-usage.ts';
import { orderList, quoteList } from './market.ts';
import { browseCatalogue } from './market-catalogue.ts';
import { listPhones, seedPhone, setUpMarket } from './market-fixture.ts';

const now = testEpoch;
const paris = JSON.stringify({ all: [{ field: 'department', in: ['75'] }] });

/** Every way a list number could be written: E.164, national, digits, spaced pairs. */
function leaks(text: string): string[] {
  return [...listPhones, seedPhone].filter((p) => {
    const national = `0${p.slice(3)}`;
    const spaced = national.replace(/(\d\d)(?=\d)/g, '$1 ');
    return [p, national, p.slice(1), spaced, p.slice(-8)].some((form) => text.includes(form));
  });
}

async function rent(store: Store) {
  const market = await setUpMarket(store);
  const order = await orderList(
    store,
    { workspace: 'Adv', list: market.list.id, filter: paris, type: 'rental' },
    now,
  );
  assert.ok(order.ok);
  return { ...market, licence: order.licence };
}

forEachDatabase(
  'a renter never sees a rented number: quote, order, licences, catalogue, audience sample, contacts, errors',
  async (store) => {
    const { a, list, licence } = await rent(store);
    const outputs: unknown[] = [licence];
    const preview = await quoteList(
      store,
      {
        workspace: 'Adv',
        list: list.id,
        filter: paris,
        breakdown: ['gender', 'age', 'postalCode', 'commune'],
        sample: 20,
      },
      now,
    );
    assert.equal(preview.sample?.length, 5, 'a masked preview of the selection');
    assert.ok(
      preview.sample?.every((r) => /^\+33 •+ \d\d$/.test(r.phone)),
      JSON.stringify(preview.sample),
    );
    outputs.push(preview);
    outputs.push(await listWorkspaceLicences(store, 'Adv'));
    outputs.push(await browseCatalogue(store, { workspace: 'Adv' }, now));
    const audience = await countAudience(
      store,
      { workspace: a.id, filter: { all: [] }, sample: 100 },
      now,
    );
    assert.equal(audience.matched, 0, 'the renter file holds no rented contact');
    outputs.push(audience);
    const listSource = await countAudience(
      store,
      { workspace: a.id, filter: { field: 'source', prefix: 'list:' }, sample: 100 },
      now,
    );
    assert.equal(listSource.matched, 0);
    for await (const row of iterateContacts(store.db, a.id)) outputs.push(row);
    outputs.push(
      await consumeRental(
        store,
        { workspaceId: a.id, licenceId: licence.id, campaignId: 'c1' },
        now,
      ),
    );
    const second = await consumeRental(
      store,
      { workspaceId: a.id, licenceId: licence.id, campaignId: 'c2' },
      now,
    );
    assert.equal(second.ok, false);
    outputs.push(second);
    const errors = await Promise.allSettled([
      recordStopForRental(store, { licenceId: licence.id, phone: '+33612340000' }, now),
      orderList(
        store,
        {
          workspace: 'Adv',
          list: list.id,
          filter: '{"field":"phone","eq":"+33612345601"}',
          type: 'rental',
        },
        now,
      ),
      quoteList(
        store,
        { workspace: 'Adv', list: list.id, filter: '{"field":"custom.x","eq":"+33612345601"}' },
        now,
      ),
      consumeRental(store, { workspaceId: a.id, licenceId: 'lic_nope', campaignId: 'c3' }, now),
    ]);
    for (const e of errors)
      outputs.push(
        e.status === 'rejected'
          ? String(e.reason?.message) + JSON.stringify(e.reason?.details ?? null)
          : e.value,
      );
    const text = JSON.stringify(outputs);
    assert.deepEqual(leaks(text), [], 'no output of the renter shows a rented number or seed');
    assert.ok(text.includes('rental_already_used'));
  },
);

forEachDatabase(
  'a STOP from a rental recipient suppresses for the renter and feeds the provider (LIST-04)',
  async (store) => {
    const { a, p, list, licence } = await rent(store);
    await consumeRental(
      store,
      {
        workspaceId: a.id,
        licenceId: licence.id,
        campaignId: 'c1',
        sharedText: 'Dupont: -20% STOP au 36180',
      },
      now,
    );
    const stop = await recordStopForRental(
      store,
      { licenceId: licence.id, phone: listPhones[0]! },
      now,
    );
    assert.deepEqual(stop, { suppressed: true, reported: true });
    assert.equal(JSON.stringify(stop).includes(listPhones[0]!), false);
    const renter = await listSuppressions(store.db, a.id);
    assert.deepEqual(
      renter.map((s) => [s.reason, s.origin]),
      [['stop', `rental:${licence.id}`]],
    );
    const seedStop = await recordStopForRental(
      store,
      { licenceId: licence.id, phone: seedPhone },
      now,
    );
    assert.deepEqual(seedStop, { suppressed: false, reported: true });
    // The respondent leaves the list at once, before the provider does anything (LIST-04).
    const provider = async () => (await listSuppressions(store.db, p.id)).map((s) => s.phone);
    assert.deepEqual(await provider(), [listPhones[0]!]);
    const next = await quoteList(store, { workspace: 'Other', list: list.id, filter: paris }, now);
    assert.equal(next.count, 4, 'the STOP leaves the next selection at once');
    const [usage] = await describeListUsage(store, 'Prov');
    assert.equal(usage?.stops.total, 2);
    assert.equal(usage?.stops.unapplied, 1, "only the seed's STOP waits for the provider");
    assert.equal(usage?.quotes, 1, "Other's quote above");
    assert.equal(usage?.orders.length, 1);
    assert.equal(usage?.orders[0]?.advertiser, 'Dupont Meubles SA');
    assert.deepEqual(
      usage?.rentals.map((r) => [r.campaignId, r.text]),
      [['c1', 'Dupont: -20% STOP au 36180']],
    );
    assert.deepEqual(await applyStopFeed(store, 'Prov', now), { applied: 1 });
    assert.deepEqual(await applyStopFeed(store, 'Prov', now), { applied: 0 }, 'applied once');
    assert.deepEqual((await provider()).sort(), [listPhones[0]!, seedPhone].sort());
  },
);

forEachDatabase('rental text stays private unless shared', async (store) => {
  const { a, licence } = await rent(store);
  await consumeRental(store, { workspaceId: a.id, licenceId: licence.id, campaignId: 'c1' }, now);
  const [usage] = await describeListUsage(store, 'Prov');
  assert.deepEqual(
    usage?.rentals.map((r) => [r.campaignId, r.text]),
    [['c1', null]],
  );
});

forEachDatabase(
  'a seed reached outside a licensed campaign raises a misuse alert to the provider (LIST-05)',
  async (store) => {
    const { a, b, licence } = await rent(store);
    await consumeRental(store, { workspaceId: a.id, licenceId: licence.id, campaignId: 'c1' }, now);
    const cases = [
      { workspaceId: a.id, campaignId: 'c1', phone: seedPhone, alerts: 0 },
      { workspaceId: a.id, campaignId: 'c2', phone: seedPhone, alerts: 1 },
      { workspaceId: b.id, campaignId: 'c9', phone: seedPhone, alerts: 1 },
      { workspaceId: b.id, campaignId: 'c9', phone: listPhones[0]!, alerts: 0 },
    ];
    for (const c of cases) {
      assert.deepEqual(
        await checkSeedDelivery(store, c, now),
        { alerts: c.alerts },
        JSON.stringify(c),
      );
    }
    const [usage] = await describeListUsage(store, 'Prov');
    assert.deepEqual(
      usage?.seedAlerts.map((s) => [s.seed, s.campaignId, s.sender]),
      [
        // The legal entity the provider can act on, then the id.
        [seedPhone, 'c2', `Dupont Meubles SA (${a.id})`],
        [seedPhone, 'c9', `Canal Plus (${b.id})`],
      ],
    );
  },
);

forEachDatabase(
  'campaign checks on licences: LIST-01 warn/block, LIST-05 second campaign, LIST-03 rights mention',
  async (store) => {
    const { a, b, list, licence } = await rent(store);
    const ok = await checkCampaignLicences(store, {
      workspaceId: a.id,
      campaignId: 'c1',
      licenceIds: [licence.id],
      text: 'Dupont: -20% dup.fr/rgpd STOP au 36180',
    });
    assert.deepEqual(ok, []);
    const noMention = await checkCampaignLicences(store, {
      workspaceId: a.id,
      campaignId: 'c1',
      licenceIds: [licence.id],
      text: 'Dupont: -20% STOP au 36180',
    });
    assert.deepEqual(
      noMention.map((f) => [f.rule, f.severity]),
      [['LIST-03', 'block']],
    );
    await consumeRental(store, { workspaceId: a.id, licenceId: licence.id, campaignId: 'c1' }, now);
    const second = await checkCampaignLicences(store, {
      workspaceId: a.id,
      campaignId: 'c2',
      licenceIds: [licence.id],
      text: 'x dup.fr/rgpd',
    });
    assert.deepEqual(
      second.map((f) => [f.rule, f.severity]),
      [['LIST-05', 'block']],
    );
    const other = await orderList(
      store,
      { workspace: 'Other', list: list.id, filter: paris, type: 'rental' },
      now,
    );
    assert.ok(other.ok);
    const unnamed = await checkCampaignLicences(store, {
      workspaceId: b.id,
      campaignId: 'c3',
      licenceIds: [other.licence.id],
      text: 'x',
    });
    assert.deepEqual(
      unnamed.map((f) => [f.rule, f.severity]),
      [
        ['LIST-01', 'warn'],
        ['LIST-03', 'block'],
      ],
    );
    await writeMarketSettings(store.db, b.id, { list01Strict: true, rightsMention: 'cp.fr/rgpd' });
    const strict = await checkCampaignLicences(store, {
      workspaceId: b.id,
      campaignId: 'c3',
      licenceIds: [other.licence.id],
      text: 'x cp.fr/rgpd',
    });
    assert.deepEqual(
      strict.map((f) => [f.rule, f.severity]),
      [['LIST-01', 'block']],
    );
  },
);
