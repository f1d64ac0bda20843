import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNumber } from '../core/phone/parse-number.ts';
import { isSendable } from '../core/rules/is-sendable.ts';
import { findCampaign } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { findLicence } from '../store/licences.ts';
import { messageTables } from '../store/messages.ts';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { saveAudience } from './audiences.ts';
import { writeCampaignCertificate } from './campaign-certificate.ts';
import { listCampaignPlan } from './campaign-plan.ts';
import { scheduleCampaign } from './campaign-schedule.ts';
import { cancelCampaign, createCampaign, preflightCampaign, showCampaign } from './campaigns.ts';
import { orderList } from './market.ts';
import { insertContacts, listPhones, seedPhone, setUpMarket } from './market-fixture.ts';

const now = testEpoch; // Saturday 2026-11-28 12:00 UTC
const policy = { stopCode: '36180', maxParts: 2, penaltyPerNumberEur: 1000 };
const good = 'Dupont: {firstName|Bonjour}, -20% ce week-end ! Source: dup.fr/rgpd STOP au 36180';

/** The advertiser's own file: one contact per exclusion reason, and three eligible. */
const own: Array<[string, Partial<Record<string, string | null>>]> = [
  ['+33600000001', { first_name: 'Zoé', department: '75' }], // eligible
  ['+596696123456', { first_name: 'Inès' }], // eligible, Martinique
  ['+33600000002', { consent_status: 'none' }], // no-consent (TX: counted, FR-CONS-01)
  ['+33600000003', { consent_valid_until: '2025-01-01T00:00:00.000Z' }], // lapsed-consent
  ['+33600000004', {}], // suppressed below
  ['+33123456789', {}], // not-mobile (landline)
  ['+3360000', {}], // invalid-number
  ['+32470123456', {}], // no-rule-pack (Belgium)
];

async function seedAdvertiser(store: Store, workspaceId: string) {
  await insertContacts(store, workspaceId, own);
  await store.db
    .insertInto('suppressions')
    .values({
      workspace_id: workspaceId,
      phone: '+33600000004',
      reason: 'stop',
      origin: 'mo',
      created_at: now.toISOString(),
    })
    .execute();
  await saveAudience(store, { workspace: 'Adv', name: 'tous', filter: { all: [] } }, now);
}

async function rent(store: Store, listId: string): Promise<string> {
  const filter = JSON.stringify({ all: [{ field: 'department', in: ['75'] }] });
  const order = await orderList(
    store,
    { workspace: 'Adv', list: listId, filter, type: 'rental' },
    now,
  );
  assert.ok(order.ok, JSON.stringify(order));
  return order.licence.id;
}

const base = {
  workspace: 'Adv',
  name: 'Soldes',
  sender: 'DUPONT',
  audiences: ['tous'],
  start: '2026-11-30T08:00:00+01:00',
};

forEachDatabase(
  'campaign: create → preflight → refused → fixed → scheduled in windows, rental consumed once, cancel',
  async (store) => {
    const { a, list } = await setUpMarket(store);
    await seedAdvertiser(store, a.id);
    const licence = await rent(store, list.id);
    // Added after the rental was ordered: the rented copy of this number becomes a duplicate.
    await insertContacts(store, a.id, [['+33612345602', { first_name: 'Léa' }]]);

    // A text without STOP or source mention: blocking findings, each exclusion visible.
    const bad = await createCampaign(
      store,
      { ...base, text: 'Dupont: -20% ce week-end !', licences: [licence] },
      now,
    );
    assert.equal(bad.state, 'draft');
    const report = await preflightCampaign(store, policy, { workspace: 'Adv', id: bad.id }, now);
    assert.equal(report.ok, false);
    const { total, eligible, excluded } = report.recipients;
    assert.equal(total, own.length + 1 + 5, 'own file + 5 rented Paris contacts');
    assert.deepEqual(excluded, {
      'invalid-number': 1,
      'not-mobile': 1,
      'no-rule-pack': 1,
      suppressed: 1,
      'no-consent': 1,
      'lapsed-consent': 1,
      'rental-already-used': 0,
      'sector-ban': 0,
      duplicate: 1,
    });
    const sum = Object.values(excluded).reduce((s, n) => s + n, 0);
    assert.equal(eligible + sum, total, 'counts add up: nothing dropped silently');
    assert.equal(eligible, 3 + 4);
    const rules = report.findings.filter((f) => f.severity === 'block').map((f) => f.rule);
    assert.ok(rules.includes('FR-MSG-02'), `STOP missing blocks: ${rules}`);
    assert.ok(rules.includes('LIST-03'), `rented contacts need the source mention: ${rules}`);
    assert.equal(report.exposureAvoided.numbers, 3);
    assert.equal(report.exposureAvoided.amountEur, 3000);
    assert.equal(report.message.stop.present, false);
    assert.equal(report.plan?.planned, eligible);
    assert.ok(report.cost && report.cost.eur > 0);

    const refused = await scheduleCampaign(store, policy, { workspace: 'Adv', id: bad.id }, now);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.reason === 'blocking-findings');
    assert.ok(!refused.ok && refused.findings.some((f) => f.rule === 'FR-MSG-02'));
    assert.equal((await findLicence(store.db, a.id, licence))?.state, 'active');

    // Fixed: STOP and the source-and-rights mention.
    const fixed = await createCampaign(store, { ...base, text: good, licences: [licence] }, now);
    const ok = await preflightCampaign(store, policy, { workspace: 'Adv', id: fixed.id }, now);
    assert.equal(ok.ok, true, JSON.stringify(ok.findings));
    assert.deepEqual(ok.message.stop, { present: true, code: '36180' });
    const scheduled = await scheduleCampaign(
      store,
      policy,
      { workspace: 'Adv', id: fixed.id },
      now,
    );
    assert.ok(scheduled.ok, JSON.stringify(scheduled));
    assert.equal(scheduled.messages, 7);
    assert.equal(scheduled.seeds, 1, 'the provider seed is added to the rental send');
    const consumed = await findLicence(store.db, a.id, licence);
    assert.equal(consumed?.state, 'consumed');
    assert.equal(consumed?.campaign_id, fixed.id);

    const rows = await messageTables(store.db)
      .selectFrom('messages')
      .selectAll()
      .where('campaign_id', '=', fixed.id)
      .orderBy('id')
      .execute();
    assert.equal(rows.length, 8);
    const phones = rows.map((r) => r.phone);
    // Rented Paris numbers sent (02 goes as the own contact) and the seed: never shown.
    const hidden = [listPhones[0]!, ...listPhones.slice(2, 5), seedPhone];
    assert.ok(phones.includes(seedPhone));
    assert.equal(new Set(phones).size, 8, 'one message per number');
    for (const r of rows) {
      assert.equal(r.state, 'planned');
      const at = Date.parse(r.planned_at);
      assert.ok(at >= Date.parse(base.start), `${r.planned_at} before start`);
      const verdict = isSendable({ number: parseNumber(r.phone) }, at);
      assert.ok(verdict.allowed, `${r.phone} at ${r.planned_at}: ${verdict.reason}`);
      assert.equal(
        r.window_ends_at,
        verdict.windowEndsAt ? new Date(verdict.windowEndsAt).toISOString() : null,
      );
      assert.equal(Number(r.masked), hidden.includes(r.phone) ? 1 : 0, r.phone);
      assert.ok(!r.text.includes('{'), 'rendered at plan time');
    }
    const zoe = rows.find((r) => r.phone === '+33600000001')!;
    assert.match(zoe.text, /^Dupont: Zoé, -20%/);
    assert.equal(zoe.encoding, 'GSM-7');

    // The plan lines never show a rented number.
    const listing = await listCampaignPlan(store, policy, { workspace: 'Adv', id: fixed.id }, now);
    assert.equal(listing.source, 'stored');
    const lines = [];
    for await (const line of listing.lines) lines.push(line);
    assert.equal(lines.length, 8);
    for (const line of lines) {
      assert.ok(!hidden.includes(line.to), line.to);
    }
    assert.equal(lines.filter((l) => l.to.includes('•')).length, 5);

    // A second campaign on the same rental is refused (LIST-05).
    const second = await createCampaign(
      store,
      { ...base, name: 'Relance', text: good, licences: [licence] },
      now,
    );
    const again = await preflightCampaign(store, policy, { workspace: 'Adv', id: second.id }, now);
    assert.equal(again.recipients.excluded['rental-already-used'], 5);
    assert.ok(again.findings.some((f) => f.rule === 'LIST-05' && f.severity === 'block'));
    const second2 = await scheduleCampaign(store, policy, { workspace: 'Adv', id: second.id }, now);
    assert.ok(!second2.ok && second2.findings.some((f) => f.rule === 'LIST-05'));

    // Scheduling twice is refused by the state machine.
    const twice = await scheduleCampaign(store, policy, { workspace: 'Adv', id: fixed.id }, now);
    assert.ok(!twice.ok && twice.reason === 'invalid-transition');

    const cancelled = await cancelCampaign(store, { workspace: 'Adv', id: fixed.id }, now);
    assert.ok(cancelled.ok);
    assert.equal(cancelled.cancelledMessages, 8);
    const shown = await showCampaign(store, { workspace: 'Adv', id: fixed.id });
    assert.equal(shown.state, 'cancelled');
    assert.deepEqual(shown.messages, { total: 8, cancelled: 8 });
    const twiceCancelled = await cancelCampaign(store, { workspace: 'Adv', id: fixed.id }, now);
    assert.equal(twiceCancelled.ok, false);
    // Nothing of it reached a gateway: the rental's one campaign did not happen, so the
    // licence is given back and the second campaign may now use it.
    const released = await findLicence(store.db, a.id, licence);
    assert.deepEqual([released?.state, released?.campaign_id], ['active', null]);
    const third = await scheduleCampaign(store, policy, { workspace: 'Adv', id: second.id }, now);
    assert.ok(third.ok, JSON.stringify(third));
  },
);

forEachDatabase(
  'a cancelled rental campaign that reached a gateway keeps its licence used (LIST-05)',
  async (store) => {
    const { a, list } = await setUpMarket(store);
    await seedAdvertiser(store, a.id);
    const licence = await rent(store, list.id);
    const created = await createCampaign(
      store,
      { ...base, name: 'Envoyée', text: good, licences: [licence] },
      now,
    );
    const scheduled = await scheduleCampaign(
      store,
      policy,
      { workspace: 'Adv', id: created.id },
      now,
    );
    assert.ok(scheduled.ok, JSON.stringify(scheduled));
    // One message was handed over before the cancel.
    const first = await messageTables(store.db)
      .selectFrom('messages')
      .select('id')
      .where('campaign_id', '=', created.id)
      .where('licence_id', '=', licence)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await messageTables(store.db)
      .updateTable('messages')
      .set({ state: 'submitted' })
      .where('id', '=', first.id)
      .execute();
    assert.ok((await cancelCampaign(store, { workspace: 'Adv', id: created.id }, now)).ok);
    const kept = await findLicence(store.db, a.id, licence);
    assert.deepEqual([kept?.state, kept?.campaign_id], ['consumed', created.id]);
  },
);

forEachDatabase('campaign: sector ban, finish-by and bad input', async (store) => {
  const { a } = await setUpMarket(store);
  await seedAdvertiser(store, a.id);
  const banned = await createCampaign(
    store,
    { ...base, text: good, sector: 'energy_renovation' },
    now,
  );
  const report = await preflightCampaign(store, policy, { workspace: 'Adv', id: banned.id }, now);
  assert.equal(report.recipients.eligible, 0);
  assert.equal(report.recipients.excluded['sector-ban'], 2);
  assert.ok(report.findings.some((f) => f.rule === 'TX-RCP-01' && f.severity === 'block'));
  assert.equal(report.plan, null);

  // finish-by 20 minutes after the window opens, 1 part per second: fits; before it opens: not.
  const tight = await createCampaign(
    store,
    {
      ...base,
      text: good,
      start: '2026-11-30T06:00:00Z',
      finishBy: '2026-11-30T07:00:00Z',
      tps: '1',
    },
    now,
  );
  const late = await preflightCampaign(store, policy, { workspace: 'Adv', id: tight.id }, now);
  assert.equal(late.plan?.unplaceable, 2, 'no window before 08:00 Paris: nothing fits');
  assert.ok(late.findings.some((f) => f.rule === 'TX-PLAN-01'));

  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ sector: 'energy-renovation' }, /sector/],
    [{ tps: 'fast' }, /tps/],
    [{ start: 'tomorrow' }, /schedule\.start/],
    [{ finishBy: '2026-11-01T00:00:00Z' }, /finishBy/],
    [{ slots: 'worst' }, /slots/],
    [{ name: '' }, /name/],
    [
      { audiences: [] },
      /^audiences: give at least one audience or licence \(--audience, --licence\)/,
    ],
    [{ audiences: ['nope'] }, /no saved audience named 'nope'/],
    [{ licences: ['lic_nope'] }, /no licence 'lic_nope'/],
  ];
  for (const [change, pattern] of cases) {
    await assert.rejects(
      createCampaign(store, { ...base, text: good, ...change }, now),
      (e: Error) => pattern.test(e.message),
      JSON.stringify(change),
    );
  }
});

forEachDatabase(
  'campaign preflight: contacts reached under the B2B or non-commercial exception are warned',
  async (store) => {
    const { a } = await setUpMarket(store);
    await insertContacts(store, a.id, [
      ['+33600000011', { consent_basis: 'b2b' }],
      ['+33600000012', { consent_basis: 'b2b' }],
      ['+33600000013', { consent_basis: 'non_commercial' }],
      ['+33600000014', { consent_basis: 'opt_in' }],
    ]);
    await saveAudience(store, { workspace: 'Adv', name: 'tous', filter: { all: [] } }, now);
    const made = await createCampaign(store, { ...base, text: good }, now);
    const report = await preflightCampaign(store, policy, { workspace: 'Adv', id: made.id }, now);
    const counts = Object.fromEntries(
      report.findings.filter((f) => f.rule.startsWith('FR-CONS-0')).map((f) => [f.rule, f.count]),
    );
    assert.deepEqual(counts, { 'FR-CONS-05': 2, 'FR-CONS-04': 1 });
    assert.ok(report.ok, JSON.stringify(report.findings));
  },
);

forEachDatabase(
  'certificate: a scheduled campaign is certified on the checks it was scheduled on, not re-checked',
  async (store) => {
    const { a } = await setUpMarket(store);
    await seedAdvertiser(store, a.id);
    const made = await createCampaign(store, { ...base, text: good }, now);
    const ref = { workspace: 'Adv', id: made.id };
    const done = await scheduleCampaign(store, policy, ref, now);
    assert.ok(done.ok, JSON.stringify(done));
    // Zoé answers STOP to an earlier message after the scheduling.
    await store.db
      .insertInto('suppressions')
      .values({
        workspace_id: a.id,
        phone: '+33600000001',
        reason: 'stop',
        origin: 'mo',
        created_at: now.toISOString(),
      })
      .execute();
    const dir = mkdtempSync(join(tmpdir(), 'texto-cert-'));
    const later = new Date(now.getTime() + 86_400_000);
    const out = join(dir, 'c.html');
    const cert = await writeCampaignCertificate(
      store,
      policy,
      { ...ref, out, pdf: false },
      {},
      later,
    );
    const html = readFileSync(out, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    const row = await findCampaign(store.db, a.id, made.id);
    assert.equal(cert.digest, row?.recipient_digest, 'the digest of the set it was scheduled with');
    assert.ok(html.includes('<td>Éligibles</td><td>2</td>'), 'eligible when it was checked');
    assert.ok(html.includes('Contrôles effectués à la programmation de la campagne'));
    assert.ok(html.includes('<td>Planifiés, pas encore partis</td><td>2</td>'));
    assert.ok(html.includes('<td>opt_in</td><td>2</td>'), 'consent bases kept from then');
  },
);
