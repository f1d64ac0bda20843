import assert from 'node:assert/strict';
import { DomainError } from '../core/domain-error.ts';
import type { Store } from '../store/db.ts';
import { messageTables } from '../store/messages.ts';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { saveAudience } from './audiences.ts';
import { listCampaigns } from './campaign-list.ts';
import { scheduleCampaign } from './campaign-schedule.ts';
import { createCampaign, editCampaign, preflightCampaign } from './campaigns.ts';
import { orderList } from './market.ts';
import { insertContacts, setUpMarket } from './market-fixture.ts';
import { findMessageWorstCase } from './message-worst-case.ts';

const now = testEpoch; // Saturday 2026-11-28 12:00 UTC
const policy = { stopCode: '36180', maxParts: 2, penaltyPerNumberEur: 1000 };
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const stop = 'Source: dup.fr/rgpd STOP au 36180';

/** The advertiser's contacts by first name; the last one has no consent (never a recipient). */
async function seedContacts(store: Store, workspaceId: string) {
  const people: Array<[string, string, string]> = [
    ['+33600000011', 'Jean', 'granted'],
    ['+33600000012', 'Marie-Christine', 'granted'],
    ['+33600000013', 'Anaïs', 'granted'],
    ['+33600000014', 'Bartholomew-Maximilian-Alexandre', 'none'],
  ];
  await insertContacts(
    store,
    workspaceId,
    people.map(([phone, first_name, consent_status]) => [
      phone,
      { first_name, department: '75', consent_status },
    ]),
  );
  await saveAudience(store, { workspace: 'Adv', name: 'tous', filter: { all: [] } }, now);
}

async function rejects(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

const draft = {
  workspace: 'Adv',
  sender: 'DUPONT',
  text: `Dupont: -20% ce week-end ! ${stop}`,
  audiences: ['tous'],
  start: '2026-11-30T08:00:00+01:00',
};

forEachDatabase(
  'campaign list: newest first, pages, state filter, counts once scheduled',
  async (store) => {
    const { a } = await setUpMarket(store);
    await seedContacts(store, a.id);
    const first = await createCampaign(store, { ...draft, name: 'Un' }, later(1));
    const second = await createCampaign(store, { ...draft, name: 'Deux' }, later(2));
    const third = await createCampaign(store, { ...draft, name: 'Trois' }, later(2));
    const sent = await scheduleCampaign(store, policy, { workspace: 'Adv', id: first.id }, now);
    assert.ok(sent.ok, JSON.stringify(sent));
    await messageTables(store.db)
      .updateTable('messages')
      .set({ state: 'delivered' })
      .where('campaign_id', '=', first.id)
      .where('phone', '=', '+33600000011')
      .execute();

    const all = await listCampaigns(store, { workspace: 'Adv', limit: 10 });
    // Same creation instant: the id breaks the tie, descending like the date.
    const tied = [second.id, third.id].sort().reverse();
    assert.deepEqual(
      all.map((c) => c.id),
      [...tied, first.id],
    );
    const scheduled = all.find((c) => c.id === first.id)!;
    assert.equal(scheduled.state, 'scheduled');
    assert.equal(scheduled.sender, 'DUPONT');
    assert.equal(scheduled.recipients, 3, 'the three consenting contacts, seeds left out');
    assert.equal(scheduled.sent, 1);
    assert.ok(scheduled.scheduledAt);
    const fresh = all.find((c) => c.id === second.id)!;
    assert.deepEqual([fresh.recipients, fresh.sent, fresh.scheduledAt], [null, null, null]);

    const page1 = await listCampaigns(store, { workspace: 'Adv', limit: 2 });
    const last = page1.at(-1)!;
    const page2 = await listCampaigns(store, {
      workspace: 'Adv',
      limit: 2,
      after: { createdAt: last.createdAt, id: last.id },
    });
    assert.deepEqual(
      [...page1, ...page2].map((c) => c.id),
      all.map((c) => c.id),
    );
    const drafts = await listCampaigns(store, { workspace: 'Adv', limit: 10, state: 'draft' });
    assert.deepEqual(drafts.map((c) => c.state).sort(), ['draft', 'draft']);
    assert.deepEqual(await listCampaigns(store, { workspace: 'Other', limit: 10 }), []);
  },
);

forEachDatabase(
  'campaign edit: a draft changes and is revalidated, anything else is refused',
  async (store) => {
    const { a } = await setUpMarket(store);
    await seedContacts(store, a.id);
    const c = await createCampaign(
      store,
      { ...draft, name: 'Soldes', finishBy: '2026-12-05T20:00:00+01:00' },
      now,
    );
    const ref = { workspace: 'Adv', id: c.id };
    const edited = await editCampaign(
      store,
      ref,
      { name: 'Soldes d’hiver', text: `Dupont: -30% ! ${stop}`, finishBy: null, slots: 'best' },
      now,
    );
    assert.deepEqual(edited.changed.sort(), ['finishBy', 'name', 'slots', 'text']);
    assert.equal(edited.campaign.name, 'Soldes d’hiver');
    assert.equal(edited.campaign.schedule.finishBy, undefined);
    assert.ok(edited.campaign.updatedAt > c.updatedAt, 'an edit always moves updatedAt');
    const report = await preflightCampaign(store, policy, ref, now);
    assert.equal(report.recipients.eligible, 3, 'the preflight reads the edited campaign');
    const again = await listCampaigns(store, { workspace: 'Adv', limit: 1 });
    assert.equal(again[0]?.name, 'Soldes d’hiver');

    await rejects(editCampaign(store, ref, { tps: 0 }, now), 'invalid_input', /^campaign: tps/);
    await rejects(
      editCampaign(store, ref, { policy: 'custom:06:00-23:00' }, now),
      'invalid_input',
      /^policy: .*looser/,
    );
    await rejects(
      editCampaign(store, ref, { audiences: ['nobody'] }, now),
      'not_found',
      /audience: no saved audience named 'nobody'/,
    );
    await rejects(
      editCampaign(store, { workspace: 'Other', id: c.id }, { name: 'x' }, now),
      'not_found',
      /no campaign/,
    );
    const scheduled = await scheduleCampaign(store, policy, ref, now);
    assert.ok(scheduled.ok, JSON.stringify(scheduled));
    await rejects(
      editCampaign(store, ref, { name: 'Trop tard' }, now),
      'conflict',
      /only a draft can be edited.*scheduled; cancel it and edit a copy/,
    );
  },
);

forEachDatabase(
  'worst case: longest rendering over eligible values, rented values masked, as the preflight',
  async (store) => {
    const { a, list } = await setUpMarket(store);
    await seedContacts(store, a.id);
    // 135 characters of text: GSM-7 names fit two SMS, "Anaïs" makes hers UCS-2 in three.
    const long = `${'x'.repeat(100)} {firstName|client} ${stop}`;
    const worst = await findMessageWorstCase(store, a.id, { text: long, audiences: ['tous'] }, now);
    assert.equal(worst.scope, 'audiences');
    assert.equal(worst.recipients, 3, 'the contact without consent is not a recipient');
    assert.deepEqual([worst.parts, worst.encoding, worst.anyEncoding], [3, 'UCS-2', 'UCS-2']);
    assert.equal(worst.units, long.length - '{firstName|client}'.length + 'Anaïs'.length);
    assert.deepEqual(worst.ucs2Cause, { placeholder: 'firstName', value: 'Anaïs', masked: false });
    assert.deepEqual(worst.values, [
      { placeholder: 'firstName', value: 'Anaïs', length: 5, masked: false },
    ]);
    const c = await createCampaign(store, { ...draft, name: 'Long', text: long }, now);
    const report = await preflightCampaign(store, policy, { workspace: 'Adv', id: c.id }, now);
    assert.equal(report.message.parts, worst.parts, 'the same figure as "SMS par message"');
    assert.equal(report.message.encoding, worst.anyEncoding);

    // No audience chosen: every contact of the workspace.
    const everyone = await findMessageWorstCase(store, a.id, { text: 'Bonjour {firstName}' }, now);
    assert.equal(everyone.scope, 'workspace');
    assert.equal(everyone.recipients, 3);
    // Same part count: the longest message is the worst, in its own encoding.
    assert.deepEqual(
      [everyone.units, everyone.parts, everyone.encoding, everyone.anyEncoding],
      ['Bonjour Marie-Christine'.length, 1, 'GSM-7', 'UCS-2'],
    );
    assert.equal(everyone.values[0]?.value, 'Marie-Christine');

    // A rental: the provider's first names stay on the platform, only their length leaves.
    const order = await orderList(
      store,
      { workspace: 'Adv', list: list.id, filter: '{"all":[]}', type: 'rental' },
      now,
    );
    assert.ok(order.ok, JSON.stringify(order));
    const rented = await findMessageWorstCase(
      store,
      a.id,
      { text: 'Bonjour {firstName}', licences: [order.licence.id] },
      now,
    );
    assert.ok((rented.recipients ?? 0) > 0);
    assert.deepEqual(rented.values, [
      { placeholder: 'firstName', value: null, length: 2, masked: true },
    ]);

    const plain = await findMessageWorstCase(store, a.id, { text: 'Sans variable' }, now);
    assert.deepEqual([plain.recipients, plain.units, plain.parts], [null, 13, 1]);
    await rejects(
      findMessageWorstCase(store, a.id, { audiences: ['tous'] }, now),
      'invalid_input',
      /^text: is required/,
    );
    await rejects(
      findMessageWorstCase(store, a.id, { text: '{firstName}', audiences: ['nobody'] }, now),
      'not_found',
      /nobody/,
    );
  },
);
