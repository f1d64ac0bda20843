import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { firstPartyEvent } from '../core/consent/consent-event.ts';
import { testCampaignRow, testMessageRow } from '../dispatch/dispatch-test-kit.ts';
import { type CampaignRow, campaignTables, insertCampaign } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { listMarketAlerts } from '../store/market-alerts.ts';
import { messageTables } from '../store/messages.ts';
import { findActiveSuppression } from '../store/suppressions.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { writeSendingSettings } from '../store/workspace-settings.ts';
import { recordConsentEvent } from './consent.ts';
import { handleReply, listReplies } from './inbound.ts';
import { consumeRental } from './licences.ts';
import { orderList } from './market.ts';
import { listPhones, setUpMarket } from './market-fixture.ts';

const now = new Date('2026-12-01T10:00:00Z');

function campaignRow(id: string, at: string, state = 'completed'): CampaignRow {
  return testCampaignRow(id, at, { state });
}

/** One message of a campaign to `phone`, due (and last changed) at `at`. */
const messageRow = (
  campaignId: string,
  contactId: number,
  phone: string,
  state: 'delivered' | 'planned' | 'claimed',
  at = now.toISOString(),
) => testMessageRow({ campaignId, contactId, phone, at, state, text: 'Promo STOP au 36180' });

/** A sent campaign (one delivered message per phone) and a later one with pending messages. */
async function seed(store: Store, phones: readonly string[]) {
  const at = now.toISOString();
  await insertCampaign(store.db, campaignRow('cmp_sent', at, 'completed'));
  await insertCampaign(store.db, campaignRow('cmp_next', at, 'scheduled'));
  const contacts = await store.db
    .insertInto('contacts')
    .values(
      phones.map((phone) => ({
        workspace_id: 'default',
        list_id: null,
        phone,
        consent_status: 'granted' as const,
        consent_valid_until: '2099-01-01T00:00:00.000Z',
        source: 'first_party',
        created_at: at,
        updated_at: at,
      })),
    )
    .returning(['id', 'phone'])
    .execute();
  await messageTables(store.db)
    .insertInto('messages')
    .values(
      contacts.flatMap((c) => [
        messageRow('cmp_sent', Number(c.id), c.phone, 'delivered'),
        messageRow('cmp_next', Number(c.id), c.phone, 'planned'),
        messageRow('cmp_next', Number(c.id), c.phone, 'claimed'),
      ]),
    )
    .execute();
}

async function pending(store: Store, phone: string): Promise<number> {
  const rows = await messageTables(store.db)
    .selectFrom('messages')
    .select('id')
    .where('phone', '=', phone)
    .where('state', 'in', ['planned', 'claimed'])
    .execute();
  return rows.length;
}

const stops = [
  'STOP',
  ' stop ',
  'Arrêt',
  'ARRET',
  'stop sms',
  'DÉSINSCRIRE',
  'desabonner',
  'Unsubscribe',
];

forEachDatabase(
  'inbound: STOP and its variants suppress at once and cancel pending messages (OPT-01, OPT-02)',
  async (store) => {
    const phones = stops.map((_, i) => `+3361200000${i}`);
    await seed(store, phones);
    for (const [i, text] of stops.entries()) {
      const phone = phones[i]!;
      const started = performance.now();
      const outcome = await handleReply(store, { from: phone, to: '36180', text, at: now }, now);
      const elapsed = performance.now() - started;
      assert.equal(outcome.interpretation, 'stop', text);
      assert.equal(outcome.cancelled, 2, text);
      assert.ok(elapsed < 1000, `${text}: ${elapsed} ms`);
      const suppression = await findActiveSuppression(store.db, 'default', phone);
      assert.equal(suppression?.reason, 'stop', text);
      assert.equal(await pending(store, phone), 0);
      const contact = await store.db
        .selectFrom('contacts')
        .select(['consent_status', 'last_interaction_at'])
        .where('phone', '=', phone)
        .executeTakeFirstOrThrow();
      assert.equal(contact.consent_status, 'withdrawn', 'a withdrawal is in the ledger');
      assert.equal(contact.last_interaction_at, now.toISOString(), 'a reply is an interaction');
    }
    const listed = await listReplies(store, {});
    assert.equal(listed.length, stops.length);
    assert.ok(listed.every((r) => r.interpretation === 'stop' && r.action === 'suppressed'));
    const campaign = await campaignTables(store.db)
      .selectFrom('campaigns')
      .select('state')
      .where('id', '=', 'cmp_next')
      .executeTakeFirstOrThrow();
    assert.equal(campaign.state, 'scheduled', 'only the number stops, not the campaign');
  },
);

forEachDatabase(
  'inbound: a reply answers the campaign that messaged the number last, whatever receipts came after',
  async (store) => {
    const phone = '+33612000099';
    await seed(store, [phone]);
    // cmp_sent's message was due at 10:00 and its receipt came at 12:00; cmp_later's was due at
    // 10:30 and was delivered at once. The reply at 12:20 answers cmp_later.
    await insertCampaign(store.db, campaignRow('cmp_later', now.toISOString(), 'completed'));
    const sent = await messageTables(store.db)
      .selectFrom('messages')
      .select('contact_id')
      .where('campaign_id', '=', 'cmp_sent')
      .executeTakeFirstOrThrow();
    await messageTables(store.db)
      .updateTable('messages')
      .set({ updated_at: '2026-12-01T12:00:00.000Z' })
      .where('campaign_id', '=', 'cmp_sent')
      .execute();
    await messageTables(store.db)
      .insertInto('messages')
      .values(
        messageRow(
          'cmp_later',
          Number(sent.contact_id),
          phone,
          'delivered',
          '2026-12-01T10:30:00.000Z',
        ),
      )
      .execute();
    const at = new Date('2026-12-01T12:20:00Z');
    await handleReply(store, { from: phone, to: '36180', text: 'STOP', at }, at);
    const [reply] = await listReplies(store, {});
    assert.equal(reply?.campaign, 'cmp_later');
  },
);

forEachDatabase(
  'inbound: a probable opt-out suppresses pending review; START alone lifts nothing',
  async (store) => {
    const [probable, other, start] = ['+33612000101', '+33612000102', '+33612000103'];
    await seed(store, [probable!, other!, start!]);
    const p = await handleReply(
      store,
      { from: probable!, to: '36180', text: "Arrêtez de m'envoyer des SMS !", at: now },
      now,
    );
    assert.deepEqual(p, {
      interpretation: 'probable_stop',
      action: 'suppressed_pending_review',
      cancelled: 2,
    });
    const s = await findActiveSuppression(store.db, 'default', probable!);
    assert.equal(s?.reason, 'manual');
    assert.match(s?.note ?? '', /pending review/);
    const interaction = await store.db
      .selectFrom('contacts')
      .select('last_interaction_at')
      .where('phone', '=', probable!)
      .executeTakeFirstOrThrow();
    assert.equal(interaction.last_interaction_at, null, 'an opt-out wish renews no consent');

    const o = await handleReply(
      store,
      { from: other!, to: '36180', text: 'Merci, à samedi', at: now },
      now,
    );
    assert.deepEqual(o, { interpretation: 'other', action: 'recorded', cancelled: 0 });
    assert.equal(await findActiveSuppression(store.db, 'default', other!), undefined);
    assert.equal(await pending(store, other!), 2);

    await handleReply(store, { from: start!, to: '36180', text: 'STOP', at: now }, now);
    const later = new Date(now.getTime() + 60_000);
    const r = await handleReply(
      store,
      { from: start!, to: '36180', text: 'START', at: later },
      later,
    );
    assert.equal(r.action, 'recorded_needs_opt_in');
    assert.equal((await findActiveSuppression(store.db, 'default', start!))?.reason, 'stop');
  },
);

forEachDatabase(
  'inbound: a reply extends a prospect’s consent 3 years from it, in the cache campaigns read (FR-CONS-07)',
  async (store) => {
    const phone = '+33612000201';
    await seed(store, [phone]);
    await recordConsentEvent(
      store,
      'default',
      phone,
      firstPartyEvent({
        kind: 'granted',
        basis: 'opt_in',
        mechanism: 'unticked_checkbox',
        wording: "J'accepte les SMS de Dupont",
        collectedAt: '2023-12-15T09:00:00.000Z',
      }),
      { origin: 'test', now },
    );
    const cache = () =>
      store.db
        .selectFrom('contacts')
        .select(['consent_status', 'consent_valid_until', 'last_interaction_at', 'updated_at'])
        .where('phone', '=', phone)
        .executeTakeFirstOrThrow();
    assert.equal((await cache()).consent_valid_until, '2026-12-15T09:00:00.000Z');
    const later = new Date('2026-12-02T08:30:00Z');
    await handleReply(store, { from: phone, to: '36180', text: 'Merci !', at: later }, later);
    assert.deepEqual(await cache(), {
      consent_status: 'granted',
      consent_valid_until: '2029-12-02T08:30:00.000Z',
      last_interaction_at: later.toISOString(),
      updated_at: later.toISOString(),
    });
    // A reply delivered late (older than the last interaction) moves nothing back.
    await handleReply(store, { from: phone, to: '36180', text: 'Oui', at: now }, later);
    assert.equal((await cache()).consent_valid_until, '2029-12-02T08:30:00.000Z');
  },
);

forEachDatabase(
  'inbound: a reply from an unknown number is recorded without action',
  async (store) => {
    const r = await handleReply(
      store,
      { from: '+33699999999', to: '36180', text: 'STOP', at: now },
      now,
    );
    assert.deepEqual(r, { interpretation: 'stop', action: 'no_campaign_found', cancelled: 0 });
  },
);

forEachDatabase(
  'inbound: a rental recipient’s STOP is suppressed for the renter and reported to the provider (LIST-04)',
  async (store) => {
    const { a, p, list } = await setUpMarket(store);
    const paris = JSON.stringify({ all: [{ field: 'department', in: ['75'] }] });
    const order = await orderList(
      store,
      { workspace: 'Adv', list: list.id, filter: paris, type: 'rental' },
      now,
    );
    assert.ok(order.ok);
    const at = now.toISOString();
    await insertCampaign(store.db, {
      ...campaignRow('cmp_rent', at),
      workspace_id: a.id,
      licences: JSON.stringify([order.licence.id]),
    });
    assert.ok(
      (
        await consumeRental(
          store,
          { workspaceId: a.id, licenceId: order.licence.id, campaignId: 'cmp_rent' },
          now,
        )
      ).ok,
    );
    const phone = listPhones[0]!;
    await messageTables(store.db)
      .insertInto('messages')
      .values({
        workspace_id: a.id,
        campaign_id: 'cmp_rent',
        contact_id: null,
        licence_id: order.licence.id,
        seed: 0,
        masked: 1,
        phone,
        text: 'Promo STOP au 36180',
        parts: 1,
        encoding: 'GSM-7',
        planned_at: at,
        window_ends_at: at,
        state: 'delivered',
        attempts: 1,
        next_attempt_at: null,
        gateway_id: 'g1',
        error_code: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const outcome = await handleReply(
      store,
      { from: phone, to: '36180', text: 'STOP', at: now },
      now,
    );
    assert.equal(outcome.action, 'suppressed_and_reported_to_provider');
    assert.equal((await findActiveSuppression(store.db, a.id, phone))?.reason, 'stop');
    const alerts = await listMarketAlerts(store.db, p.id);
    assert.ok(alerts.some((x) => x.kind === 'stop' && x.phone === phone));
    const replies = await listReplies(store, { workspace: 'Adv' });
    assert.equal(replies.length, 1);
    assert.notEqual(replies[0]!.from, phone, 'a rented number stays masked for the renter');
  },
);

/** Workspace `id` with its own STOP code, a campaign and one message to `phone`. */
async function clientWith(
  store: Store,
  id: string,
  stopCode: string,
  message: { phone: string; state: 'delivered' | 'planned'; at: string },
) {
  await store.db
    .insertInto('workspaces')
    .values({
      id,
      name: id,
      legal_name: null,
      is_provider: 0,
      rights_mention: null,
      created_at: now.toISOString(),
    })
    .execute();
  await writeSendingSettings(
    store.db,
    id,
    { senders: [], defaultSender: null, stopCode, defaultPolicy: null },
    now,
  );
  await insertCampaign(store.db, { ...campaignRow(`cmp_${id}`, message.at), workspace_id: id });
  await messageTables(store.db)
    .insertInto('messages')
    .values({
      ...messageRow(`cmp_${id}`, 1, message.phone, message.state, message.at),
      workspace_id: id,
    })
    .execute();
}

forEachDatabase(
  'inbound: a STOP goes to the client whose short code it was sent to, even before its message left',
  async (store) => {
    const phone = '+33698765432';
    // B messaged at 9:00, G at 9:10: the STOP to B's code is B's, not the latest sender's.
    await clientWith(store, 'ws_b', '36180', {
      phone,
      state: 'delivered',
      at: '2026-12-01T08:00:00.000Z',
    });
    await clientWith(store, 'ws_g', '36111', {
      phone,
      state: 'delivered',
      at: '2026-12-01T08:10:00.000Z',
    });
    const toB = await handleReply(store, { from: phone, to: '36180', text: 'STOP', at: now }, now);
    assert.equal(toB.action, 'suppressed');
    assert.equal((await findActiveSuppression(store.db, 'ws_b', phone))?.reason, 'stop');
    assert.equal(await findActiveSuppression(store.db, 'ws_g', phone), undefined);
    assert.deepEqual(
      (await listReplies(store, { workspace: 'ws_g' })).map((r) => r.text),
      [],
      'G does not read a reply meant for B',
    );

    // Its only message still queued: the STOP is the workspace's, and the message is cancelled.
    const queued = '+33698765433';
    await clientWith(store, 'ws_q', '36222', {
      phone: queued,
      state: 'planned',
      at: now.toISOString(),
    });
    const early = await handleReply(
      store,
      { from: queued, to: '36222', text: 'STOP36222', at: now },
      now,
    );
    assert.deepEqual(early, { interpretation: 'stop', action: 'suppressed', cancelled: 1 });
    assert.equal((await findActiveSuppression(store.db, 'ws_q', queued))?.reason, 'stop');

    // A STOP to a client's own short code from a number it never messaged still stops it there.
    const stranger = '+33698765434';
    const own = await handleReply(
      store,
      { from: stranger, to: '36111', text: 'stop svp', at: now },
      now,
    );
    assert.equal(own.action, 'suppressed');
    assert.equal((await findActiveSuppression(store.db, 'ws_g', stranger))?.reason, 'stop');
  },
);
