import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Store } from '../store/db.ts';
import { marketTables } from '../store/market-tables.ts';
import { insertSuppression } from '../store/suppressions.ts';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { importContacts } from './import.ts';
import { consumeRental, listRentalRecipients, listWorkspaceLicences } from './licences.ts';
import { importList } from './lists.ts';
import { orderList, quoteList } from './market.ts';
import { browseCatalogue } from './market-catalogue.ts';
import { listPhones, listRows, seedPhone, setUpMarket, writeCsv } from './market-fixture.ts';
import { createMarketWorkspace } from './market-settings.ts';

const now = testEpoch;
const paris = JSON.stringify({ all: [{ field: 'department', in: ['75'] }] });

async function contactRows(store: Store, workspaceId: string) {
  return store.db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute();
}

forEachDatabase(
  'lists import refuses a list without partner consent, from an opt-out source or first-party (LIST-01, FR-CONS-02)',
  async (store) => {
    await createMarketWorkspace(store, { name: 'Prov', provider: true }, now);
    const bad = listRows();
    const cases: Array<[string, string[], string]> = [
      [
        'partner-false.csv',
        [...bad.slice(0, 3), bad[3]!.replace(',true,', ',false,'), ...bad.slice(4)],
        'missing_partner_consent',
      ],
      ['no-url.csv', listRows('true', ''), 'missing_partner_consent'],
      [
        'opt-out.csv',
        [bad[0]!, bad[1]!.replace('unticked_checkbox', 'opt_out_passive')],
        'opt_out_source',
      ],
      [
        'first-party.csv',
        [
          bad[0]!.replace(
            'list_provider,true,https://prov.example/partenaires,v3',
            'first_party,,,',
          ),
        ],
        'missing_partner_consent',
      ],
      ['soft.csv', [bad[0]!.replace('opt_in,', 'soft_opt_in,')], 'missing_partner_consent'],
    ];
    for (const [name, rows, reason] of cases) {
      const outcome = await importList(store, {
        file: writeCsv(name, rows),
        workspace: 'Prov',
        name,
        rentalCpm: '50',
        now,
      });
      assert.equal(outcome.ok, false, name);
      if (!outcome.ok) {
        assert.equal(outcome.reason, reason, `${name}: ${outcome.message}`);
        assert.match(outcome.message, /nothing was imported/);
      }
    }
    const lists = await marketTables(store.db).selectFrom('lists').selectAll().execute();
    assert.equal(lists.length, 0, 'no list written');
    const contacts = await store.db
      .selectFrom('contacts')
      .select('id')
      .where('list_id', 'is not', null)
      .execute();
    assert.equal(contacts.length, 0, 'no list contact written');
    const events = await store.db.selectFrom('consent_events').select('id').execute();
    assert.equal(events.length, 0, 'no consent event written');
  },
);

forEachDatabase(
  'lists import: contacts of the provider workspace with list_id, source and consent chain',
  async (store) => {
    const { p, list } = await setUpMarket(store);
    const rows = await contactRows(store, p.id);
    assert.equal(rows.length, 6);
    for (const r of rows) {
      assert.equal(r.list_id, list.id);
      assert.equal(r.source, `list:${list.id}@1`);
      assert.equal(r.consent_status, 'granted');
    }
    const events = await eventsWithEvidence(store, p.id);
    assert.equal(events.length, 6);
    assert.ok(
      events.every(
        (e) =>
          e.source_type === 'list_provider' &&
          e.partner_consent === 1 &&
          e.partner_list_version === 'v3',
      ),
    );
    assert.deepEqual(list.seeds, [seedPhone]);
    assert.deepEqual(list.partners, ['Dupont Meubles S.A.', 'Martin & Cie']);
    await assert.rejects(
      importList(store, {
        file: writeCsv('x.csv', listRows()),
        workspace: 'Adv',
        name: 'n',
        rentalCpm: '1',
        now,
      }),
      /not a list provider/,
    );
  },
);

forEachDatabase(
  'lists import: refused rows go to a rejects file with their line and reason, also when none is valid',
  async (store) => {
    await createMarketWorkspace(store, { name: 'Prov', provider: true }, now);
    const rows = listRows();
    const mixed = [
      rows[0]!,
      rows[1]!.replace(/^0\d+/, '0145678901'),
      rows[2]!.replace(',F,', ',F,extra,'),
      ...rows.slice(3),
    ];
    const file = writeCsv('mixed.csv', mixed);
    const outcome = await importList(store, {
      file,
      workspace: 'Prov',
      name: 'M',
      rentalCpm: '50',
      now,
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.imported, 4);
    assert.deepEqual(outcome.rejectedByReason, { 'not-mobile': 1, 'ragged-row': 1 });
    assert.equal(outcome.rejectsFile, `${file}.rejects.csv`);
    const report = readFileSync(outcome.rejectsFile, 'utf8').trimEnd().split('\n');
    assert.equal(report.length, 3, 'the header and the two refused rows');
    assert.ok(report[0]!.endsWith(',line,reason'));
    assert.equal(report[1], `${mixed[1]},3,not-mobile`);
    assert.equal(report[2], `${mixed[2]},4,ragged-row`);

    const none = writeCsv(
      'none.csv',
      rows.map((r) => r.replace(/^0\d+/, '0145678901')),
    );
    const rejectsFile = join(dirname(none), 'none-rejects.csv');
    const refused = await importList(store, {
      file: none,
      workspace: 'Prov',
      name: 'N',
      rentalCpm: '50',
      rejectsFile,
      now,
    });
    assert.equal(refused.ok, false);
    if (refused.ok) return;
    assert.equal(refused.reason, 'no_contacts');
    assert.deepEqual(refused.rejectedByReason, { 'not-mobile': 6 });
    assert.equal(refused.rejectsFile, rejectsFile);
    assert.match(refused.message, /6 rows refused \(6 not-mobile\)/);
    assert.ok(!refused.message.includes(none), 'no path in the message (API jobs show it)');
    assert.equal(readFileSync(rejectsFile, 'utf8').trimEnd().split('\n').length, 7);
  },
);

forEachDatabase(
  'market quote: count, duplicates against own file and suppressions, net, prices (net-name)',
  async (store) => {
    const { a, p, list } = await setUpMarket(store);
    const first = await quoteList(store, { workspace: 'Adv', list: list.id, filter: paris }, now);
    assert.deepEqual([first.count, first.duplicates, first.net], [5, 0, 5]);
    assert.equal(first.rental, 0.4, '5 × 80 €/1000 = 0.40 €');
    assert.equal(first.purchase, 1.25);
    assert.deepEqual(first.findings, []);
    // The advertiser already has 02 in its file and suppressed 03; the provider suppressed 04.
    const file = writeCsv('own.csv', [
      listRows()[1]!.replace(
        'list_provider,true,https://prov.example/partenaires,v3',
        'first_party,,,',
      ),
    ]);
    const own = await importContacts(store, { file, workspaceId: a.id, now });
    assert.ok(own.ok);
    await insertSuppression(
      store.db,
      a.id,
      { phone: listPhones[2]!, reason: 'stop', origin: 'test' },
      now,
    );
    await insertSuppression(
      store.db,
      p.id,
      { phone: listPhones[3]!, reason: 'stop', origin: 'test' },
      now,
    );
    const q = await quoteList(
      store,
      { workspace: 'Adv', list: list.id, filter: paris, breakdown: ['gender'] },
      now,
    );
    assert.deepEqual([q.count, q.duplicates, q.net], [4, 2, 2]);
    assert.equal(q.rental, 0.16, 'only the 2 net names are billed');
    assert.equal(q.pricing.rental?.minimumApplied, false);
    assert.deepEqual(
      q.breakdown,
      { gender: { F: 3, M: 1 } },
      'breakdown of the selection before dedup',
    );
    // The preview shows the net, billable rows only: never the advertiser's own contacts.
    const previewed = await quoteList(
      store,
      { workspace: 'Adv', list: list.id, filter: paris, sample: 5 },
      now,
    );
    const ends = (previewed.sample ?? []).map((r) => r.phone.slice(-2));
    assert.deepEqual(ends.sort(), [listPhones[0]!, listPhones[4]!].map((p) => p.slice(-2)).sort());
  },
);

forEachDatabase(
  'LIST-01: not named on the form -> order refused by default, a warning where chosen; named -> nothing',
  async (store) => {
    const { list } = await setUpMarket(store);
    // A workspace that chose nothing gets the CNIL's position: the form must name it.
    await createMarketWorkspace(store, { name: 'Plain', legalName: 'Plain SARL' }, now);
    const plain = await orderList(
      store,
      { workspace: 'Plain', list: list.id, filter: paris, type: 'rental' },
      now,
    );
    assert.equal(plain.ok, false);
    if (!plain.ok) assert.equal(plain.reason, 'list01_not_named');
    const other = await quoteList(store, { workspace: 'Other', list: list.id, filter: paris }, now);
    assert.equal(other.findings[0]?.rule, 'LIST-01');
    assert.equal(other.findings[0]?.severity, 'warn');
    const warned = await orderList(
      store,
      { workspace: 'Other', list: list.id, filter: paris, type: 'rental' },
      now,
    );
    assert.ok(warned.ok);
    assert.equal(warned.findings[0]?.severity, 'warn');
    const strict = await orderList(
      store,
      { workspace: 'Strict', list: list.id, filter: paris, type: 'rental' },
      now,
    );
    assert.equal(strict.ok, false);
    if (!strict.ok) {
      assert.equal(strict.reason, 'list01_not_named');
      assert.equal(strict.findings[0]?.severity, 'block');
    }
    assert.deepEqual(await listWorkspaceLicences(store, 'Strict'), [], 'nothing ordered');
    const catalogue = await browseCatalogue(store, { workspace: 'Adv' }, now);
    assert.equal(catalogue[0]?.namesYou, true);
    assert.equal((await browseCatalogue(store, { workspace: 'Other' }, now))[0]?.namesYou, false);
  },
);

forEachDatabase(
  'rental: one campaign, seeds added and not billed, numbers stay with the provider (LIST-05)',
  async (store) => {
    const { a, list } = await setUpMarket(store);
    const order = await orderList(
      store,
      { workspace: 'Adv', list: list.id, filter: paris, type: 'rental' },
      now,
    );
    assert.ok(order.ok);
    const licence = order.licence;
    assert.deepEqual(
      [licence.type, licence.contacts, licence.seeds, licence.state],
      ['rental', 5, 1, 'active'],
    );
    assert.equal(licence.price, 0.4, 'the seed is not billed');
    assert.equal((await contactRows(store, a.id)).length, 0, 'nothing copied into the renter file');
    const first = await consumeRental(
      store,
      { workspaceId: a.id, licenceId: licence.id, campaignId: 'cmp_1' },
      now,
    );
    assert.ok(first.ok);
    assert.equal(first.ok && first.licence.state, 'consumed');
    const again = await consumeRental(
      store,
      { workspaceId: a.id, licenceId: licence.id, campaignId: 'cmp_1' },
      now,
    );
    assert.ok(again.ok, 'the same campaign may ask again');
    const second = await consumeRental(
      store,
      { workspaceId: a.id, licenceId: licence.id, campaignId: 'cmp_2' },
      now,
    );
    assert.equal(second.ok, false, 'a second campaign on the same rental is refused');
    assert.equal(!second.ok && second.reason, 'rental_already_used');
    const recipients = await listRentalRecipients(store, {
      workspaceId: a.id,
      licenceId: licence.id,
      campaignId: 'cmp_1',
    });
    assert.deepEqual(
      recipients.map((r) => r.phone).sort(),
      [...listPhones.slice(0, 5), seedPhone].sort(),
    );
    assert.deepEqual(
      recipients.filter((r) => r.seed).map((r) => r.phone),
      [seedPhone],
    );
    await assert.rejects(
      listRentalRecipients(store, {
        workspaceId: a.id,
        licenceId: licence.id,
        campaignId: 'cmp_2',
      }),
      /not a rental consumed by campaign cmp_2/,
    );
    await assert.rejects(
      consumeRental(store, { workspaceId: 'Other', licenceId: licence.id, campaignId: 'x' }, now),
      /no licence/,
      'another workspace cannot use the rental',
    );
  },
);

forEachDatabase('rental: two campaigns racing for one rental, exactly one wins', async (store) => {
  const { a, list } = await setUpMarket(store);
  const order = await orderList(
    store,
    { workspace: 'Adv', list: list.id, filter: paris, type: 'rental' },
    now,
  );
  assert.ok(order.ok);
  const tries = await Promise.all(
    ['c1', 'c2', 'c3', 'c4'].map((campaignId) =>
      consumeRental(store, { workspaceId: a.id, licenceId: order.licence.id, campaignId }, now),
    ),
  );
  assert.equal(tries.filter((t) => t.ok).length, 1);
});

forEachDatabase(
  'purchase: contacts copied with consent provenance, unlimited campaigns, never soft opt-in',
  async (store) => {
    const { c, list } = await setUpMarket(store);
    const order = await orderList(
      store,
      { workspace: 'Buyer', list: list.id, filter: paris, type: 'purchase' },
      now,
    );
    assert.ok(order.ok);
    assert.equal(order.licence.price, 1.25);
    assert.equal(order.licence.seeds, 0);
    const copied = await contactRows(store, c.id);
    assert.deepEqual(copied.map((r) => r.phone).sort(), listPhones.slice(0, 5));
    for (const r of copied) {
      assert.equal(r.list_id, null, 'the buyer owns them');
      assert.equal(r.source, `list:${list.id}@1`);
      assert.equal(r.consent_status, 'granted');
      assert.notEqual(r.consent_basis, 'soft_opt_in');
    }
    const events = await eventsWithEvidence(store, c.id);
    assert.equal(events.length, 5);
    for (const e of events) {
      assert.equal(e.source_type, 'list_provider');
      assert.equal(e.partner_consent, 1);
      assert.equal(e.partner_list_url, 'https://prov.example/partenaires');
      assert.equal(e.partner_list_version, 'v3');
      assert.equal(e.collected_at, '2026-03-01T00:00:00.000Z', 'the original collection date');
      assert.match(
        e.origin,
        new RegExp(`^purchase:${order.licence.id} provider:Prov SAS list:${list.id}@1$`),
      );
    }
    for (const campaignId of ['a', 'b', 'c']) {
      const use = await consumeRental(
        store,
        { workspaceId: c.id, licenceId: order.licence.id, campaignId },
        now,
      );
      assert.ok(use.ok, 'a purchase serves any number of campaigns');
    }
    const again = await quoteList(store, { workspace: 'Buyer', list: list.id, filter: paris }, now);
    assert.deepEqual(
      [again.count, again.duplicates, again.net],
      [5, 5, 0],
      'bought names are duplicates now',
    );
    const empty = await orderList(
      store,
      { workspace: 'Buyer', list: list.id, filter: paris, type: 'purchase' },
      now,
    );
    assert.equal(!empty.ok && empty.reason, 'empty_selection');
  },
);

forEachDatabase(
  'lists import merges a number given twice and skips bad rows without refusing the list',
  async (store) => {
    await createMarketWorkspace(store, { name: 'Prov', provider: true }, now);
    const rows = listRows();
    const again = rows[0]!.replace('2026-03-01', '2026-04-01').replace(',N0,', ',Anne,');
    const bad = rows[1]!.replace('0612345602', '0112345602');
    const outcome = await importList(store, {
      file: writeCsv('dups.csv', [...rows, again, bad]),
      workspace: 'Prov',
      name: 'dups',
      purchaseCpm: '100',
      now,
    });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    if (!outcome.ok) return;
    assert.deepEqual(
      [outcome.rows, outcome.imported, outcome.duplicates, outcome.rejected],
      [8, 6, 1, 1],
    );
    assert.deepEqual(outcome.rejectedByReason, { 'not-mobile': 1 });
    assert.equal(outcome.list.contacts, 6);
    const first = await store.db
      .selectFrom('contacts')
      .selectAll()
      .where('phone', '=', listPhones[0]!)
      .execute();
    assert.equal(first.length, 1);
    assert.equal(first[0]?.first_name, 'Anne', 'merged: the later row wins');
    const events = await store.db
      .selectFrom('consent_events as e')
      .innerJoin('contacts as c', 'c.id', 'e.contact_id')
      .select('e.seq')
      .where('c.phone', '=', listPhones[0]!)
      .execute();
    assert.equal(events.length, 2, 'both consent records kept in the chain');
  },
);

/** A workspace's consent events, each with the evidence it references. */
function eventsWithEvidence(store: Store, workspaceId: string) {
  return store.db
    .selectFrom('consent_events as e')
    .innerJoin('contacts as c', 'c.id', 'e.contact_id')
    .innerJoin('consent_evidence as v', 'v.id', 'e.evidence_id')
    .selectAll(['e', 'v'])
    .where('c.workspace_id', '=', workspaceId)
    .execute();
}
