import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { type ConsentEventInput, firstPartyEvent } from '../core/consent/consent-event.ts';
import * as ledger from '../store/consent.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { proveConsent, recordConsentEvent, recordOptOut } from './consent.ts';
import { showContact } from './contacts.ts';
import {
  findSuppression,
  listSuppressed,
  suppressNumber,
  unsuppressNumber,
} from './suppression.ts';

const optIn: ConsentEventInput = firstPartyEvent({
  kind: 'granted',
  basis: 'opt_in',
  mechanism: 'double_opt_in',
  wording: 'Recevez nos offres par SMS',
  wordingVersion: '2025-01',
  formUrl: 'https://dupont.example/sms',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  collectedAt: '2025-01-10T10:00:00.000Z',
});
const at = (iso: string) => ({ origin: 'test', now: new Date(iso) });

forEachDatabase(
  'consent ledger: append-only API, chain verifies, raw tampering is detected',
  async (store) => {
    assert.deepEqual(
      Object.keys(ledger).filter((k) => /update|delete|remove|edit/i.test(k)),
      [],
      'the ledger has no update or delete function',
    );
    const first = await recordConsentEvent(
      store,
      'default',
      '06 12 34 56 78',
      optIn,
      at('2026-01-01T00:00:00Z'),
    );
    assert.equal(first.duplicate, false);
    const same = await recordConsentEvent(
      store,
      'default',
      '+33612345678',
      optIn,
      at('2026-01-02T00:00:00Z'),
    );
    assert.equal(same.duplicate, true, 'an identical event is recorded once');
    await recordOptOut(store, 'default', '0612345678', at('2026-02-01T00:00:00Z'));
    const proof = await proveConsent(store, 'default', '0612345678');
    assert.deepEqual(
      proof.events.map((e) => [e.seq, e.kind]),
      [
        [1, 'granted'],
        [2, 'withdrawn'],
      ],
    );
    assert.equal(proof.chainValid, true);
    assert.equal(proof.state.status, 'withdrawn');
    assert.equal(proof.events[1]!.prevHash, proof.events[0]!.hash);

    // The shared evidence, an event's own fields, or a missing event: each breaks the chain.
    const tamper = async (statement: ReturnType<typeof sql>, problem: unknown) => {
      await store.db
        .transaction()
        .execute(async (trx) => {
          await statement.execute(trx);
          const tampered = await proveConsent({ ...store, db: trx }, 'default', '0612345678');
          assert.equal(tampered.chainValid, false);
          assert.deepEqual(tampered.chainProblem, problem);
          throw new Error('undo');
        })
        .catch((e: Error) => assert.equal(e.message, 'undo'));
    };
    await tamper(
      sql`update consent_evidence set wording = ${'Texte modifié'} where id = (select evidence_id from consent_events where seq = 1)`,
      { seq: 1, reason: 'hash_mismatch' },
    );
    await tamper(
      sql`update consent_events set collected_at = ${'2026-01-02T00:00:00.000Z'} where seq = 2`,
      {
        seq: 2,
        reason: 'hash_mismatch',
      },
    );
    await tamper(sql`update consent_events set ip = ${'198.51.100.9'} where seq = 1`, {
      seq: 1,
      reason: 'hash_mismatch',
    });
    await tamper(sql`delete from consent_events where seq = 1`, { seq: 2, reason: 'seq_gap' });
    assert.equal((await proveConsent(store, 'default', '0612345678')).chainValid, true);
  },
);

forEachDatabase('consent cache follows the ledger; validity per FR-CONS-02/07', async (store) => {
  await recordConsentEvent(
    store,
    'default',
    '0611111111',
    { ...optIn, prechecked: true },
    at('2026-01-01T00:00:00Z'),
  );
  const ticked = await showContact(
    store,
    'default',
    '0611111111',
    new Date('2026-01-01T00:00:00Z'),
  );
  assert.deepEqual(
    [ticked.consent.status, ticked.consentVerdict, ticked.messageable],
    ['invalid', 'invalid', false],
  );
  await recordConsentEvent(store, 'default', '0622222222', optIn, at('2026-01-01T00:00:00Z'));
  const fresh = await showContact(store, 'default', '0622222222', new Date('2026-01-01T00:00:00Z'));
  assert.deepEqual([fresh.consent.status, fresh.messageable], ['granted', true]);
  const lapsed = await showContact(
    store,
    'default',
    '0622222222',
    new Date('2028-01-10T10:00:00Z'),
  );
  assert.deepEqual([lapsed.consentVerdict, lapsed.messageable], ['lapsed', false]);
});

forEachDatabase(
  'suppression: add, list, never lifted by hand after STOP, lifted by a new opt-in',
  async (store) => {
    const added = await suppressNumber(
      store,
      'default',
      '0633333333',
      { reason: 'manual', origin: 'cli' },
      new Date('2026-01-01T00:00:00Z'),
    );
    assert.equal(added.added, true);
    const twice = await suppressNumber(
      store,
      'default',
      '+33633333333',
      { reason: 'stop', origin: 'cli' },
      new Date('2026-01-02T00:00:00Z'),
    );
    assert.deepEqual([twice.added, twice.suppression.reason], [false, 'manual']);
    await unsuppressNumber(
      store,
      'default',
      '0633333333',
      'entered by mistake',
      new Date('2026-01-03T00:00:00Z'),
    );
    assert.equal(await findSuppression(store, 'default', '+33633333333'), undefined);
    assert.equal((await listSuppressed(store, 'default', { includeLifted: true })).length, 1);

    await recordConsentEvent(store, 'default', '0644444444', optIn, at('2026-01-01T00:00:00Z'));
    await recordOptOut(store, 'default', '0644444444', at('2026-03-01T00:00:00Z'));
    await assert.rejects(
      unsuppressNumber(store, 'default', '0644444444', null, new Date('2026-03-02T00:00:00Z')),
      (e: Error & { code?: string }) => e.code === 'refused',
    );
    const old = await recordConsentEvent(
      store,
      'default',
      '0644444444',
      { ...optIn, wording: 'ancien' },
      at('2026-03-03T00:00:00Z'),
    );
    assert.equal(
      old.liftedSuppression,
      false,
      'an opt-in collected before the STOP does not lift it',
    );
    const renewed = await recordConsentEvent(
      store,
      'default',
      '0644444444',
      { ...optIn, mechanism: 'keyword', collectedAt: '2026-04-01T00:00:00.000Z' },
      at('2026-04-01T00:00:00Z'),
    );
    assert.equal(renewed.liftedSuppression, true);
    assert.equal(renewed.state.status, 'granted');
    assert.equal(await findSuppression(store, 'default', '+33644444444'), undefined);
    assert.equal((await listSuppressed(store, 'other-workspace')).length, 0);
  },
);
