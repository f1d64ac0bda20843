import assert from 'node:assert/strict';
import { parseNumber } from '../core/phone/parse-number.ts';
import { isSendable } from '../core/rules/is-sendable.ts';
import { messageTables } from '../store/messages.ts';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { saveAudience } from './audiences.ts';
import { scheduleCampaign } from './campaign-schedule.ts';
import { createCampaign } from './campaigns.ts';
import { insertContacts, setUpMarket } from './market-fixture.ts';

const now = testEpoch; // Saturday 2026-11-28 12:00 UTC
const policy = { stopCode: '36180', maxParts: 1, penaltyPerNumberEur: 1000 };

/**
 * Contacts as an import stores them: `territory` is the number's first candidate (GP for any
 * +590 number), not evidence of where its owner lives; the département comes from the address.
 */
const people: Array<{ phone: string; territory: string; department: string | null }> = [
  // A Réunion resident with a metropolitan mobile: Paris's window and Réunion's both hold.
  { phone: '+33600000021', territory: 'FR', department: '974' },
  // A +590 number, island unknown: the holidays of GP, BL and MF all hold (28 May is MF's).
  { phone: '+590690001234', territory: 'GP', department: null },
  // The same prefix with a Saint-Martin address.
  { phone: '+590690001235', territory: 'GP', department: '978' },
  { phone: '+33600000022', territory: 'FR', department: '75' },
];

forEachDatabase(
  'campaign plan: each message inside the windows of its number and its address (FR-TIME-03, FR-NUM-04)',
  async (store) => {
    const { a } = await setUpMarket(store);
    await insertContacts(
      store,
      a.id,
      people.map((p) => [p.phone, { territory: p.territory, department: p.department }]),
    );
    await saveAudience(store, { workspace: 'Adv', name: 'tous', filter: { all: [] } }, now);
    const campaign = await createCampaign(
      store,
      {
        workspace: 'Adv',
        name: 'Fête',
        sender: 'DUPONT',
        text: 'Dupont: -20% ce week-end ! STOP au 36180',
        audiences: ['tous'],
        // Friday 28 May 2027, 08:00 in the Antilles: Saint-Martin's Abolition day.
        start: '2027-05-28T08:00:00-04:00',
      },
      now,
    );
    const scheduled = await scheduleCampaign(
      store,
      policy,
      { workspace: 'Adv', id: campaign.id },
      now,
    );
    assert.ok(scheduled.ok, JSON.stringify(scheduled));
    const rows = await messageTables(store.db)
      .selectFrom('messages')
      .select(['phone', 'planned_at', 'window_ends_at'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    assert.equal(rows.length, people.length);
    for (const row of rows) {
      const { department } = people.find((p) => p.phone === row.phone)!;
      const recipient = {
        number: parseNumber(row.phone),
        ...(department ? { department } : {}),
      };
      const verdict = isSendable(recipient, Date.parse(row.planned_at));
      assert.ok(verdict.allowed, `${row.phone} at ${row.planned_at}: ${verdict.reason}`);
      assert.equal(
        row.window_ends_at,
        new Date(verdict.windowEndsAt!).toISOString(),
        `${row.phone}: the window's end`,
      );
    }
    const at = (phone: string) => rows.find((r) => r.phone === phone)!;
    // Not on MF's holiday: Saturday 29 May, 08:00 in the Antilles.
    assert.equal(at('+590690001234').planned_at, '2027-05-29T12:00:00.000Z');
    // 20:00 in Réunion (UTC+4) ends the Réunion resident's day before 20:00 in Paris does.
    assert.equal(at('+33600000021').window_ends_at, '2027-05-28T16:00:00.000Z');
  },
);
