import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { firstPartyEvent } from '../../core/consent/consent-event.ts';
import {
  fingerprintConsentEvent,
  genesisHash,
  hashConsentEvent,
} from '../../core/consent/hash-consent-event.ts';
import { verifyConsentChain } from '../../core/consent/verify-consent-chain.ts';
import { listConsentEvents } from '../consent.ts';
import { forEachDatabase, testEpoch } from '../test-databases.ts';
import { up } from './0010-consent-evidence.ts';

/**
 * Migration 0010 on a ledger written in the 0001 layout: it is run a second time on a table
 * rebuilt in the old layout, with chains hashed by the old code's formula; every chain must
 * still verify, ids are kept, and identical evidence is stored once.
 */
forEachDatabase(
  '0010 moves old events to shared evidence and every chain still verifies',
  async (store) => {
    const db = store.db;
    const { id: contactId } = await db
      .insertInto('contacts')
      .values({
        workspace_id: 'default',
        phone: '+33612345678',
        created_at: testEpoch.toISOString(),
        updated_at: testEpoch.toISOString(),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.schema.dropTable('consent_events').execute();
    await db.schema.dropTable('consent_evidence').execute();
    await sql`CREATE TABLE consent_events (
    id bigint PRIMARY KEY, workspace_id text NOT NULL, contact_id bigint NOT NULL, phone text NOT NULL,
    seq integer NOT NULL, kind text NOT NULL, basis text, mechanism text, wording text,
    wording_version text, form_url text, ip text, user_agent text, collected_at text NOT NULL,
    source_type text NOT NULL, partner_list_url text, partner_list_version text,
    partner_consent integer NOT NULL, prechecked integer NOT NULL, bundled_with_terms integer NOT NULL,
    customer_purchase integer, objection_offered integer, origin text NOT NULL,
    recorded_at text NOT NULL, fingerprint text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL)`.execute(
      db,
    );
    const input = firstPartyEvent({
      kind: 'granted' as const,
      basis: 'opt_in' as const,
      mechanism: 'unticked_checkbox' as const,
      wording: "J'accepte les SMS",
      wordingVersion: 'v1',
      formUrl: 'https://dupont.example/form',
      ip: '203.0.113.7',
      collectedAt: '2026-01-01T00:00:00.000Z',
    });
    const inputs = [
      input,
      { ...input, ip: '203.0.113.8', collectedAt: '2026-02-01T00:00:00.000Z' },
      {
        ...input,
        kind: 'withdrawn' as const,
        basis: null,
        mechanism: 'keyword' as const,
        wording: null,
        formUrl: null,
        ip: null,
        collectedAt: '2026-03-01T00:00:00.000Z',
      },
    ];
    let prev = genesisHash;
    for (const [i, e] of inputs.entries()) {
      const rest = {
        ...e,
        workspaceId: 'default',
        phone: '+33612345678',
        seq: i + 1,
        origin: 'import:old.csv',
        recordedAt: '2026-04-01T00:00:00.000Z',
        fingerprint: fingerprintConsentEvent('+33612345678', e),
        prevHash: prev,
      };
      const hash = hashConsentEvent(rest);
      await db
        .insertInto('consent_events' as never)
        .values({
          id: 40 + i,
          workspace_id: 'default',
          contact_id: contactId,
          phone: '+33612345678',
          seq: i + 1,
          kind: e.kind,
          basis: e.basis,
          mechanism: e.mechanism,
          wording: e.wording,
          wording_version: e.wordingVersion,
          form_url: e.formUrl,
          ip: e.ip,
          user_agent: null,
          collected_at: e.collectedAt,
          source_type: e.sourceType,
          partner_list_url: null,
          partner_list_version: null,
          partner_consent: 0,
          prechecked: 0,
          bundled_with_terms: 0,
          customer_purchase: null,
          objection_offered: null,
          origin: rest.origin,
          recorded_at: rest.recordedAt,
          fingerprint: rest.fingerprint,
          prev_hash: prev,
          hash,
        } as never)
        .execute();
      prev = hash;
    }

    await db.transaction().execute((trx) => up(trx, store.capabilities));

    const events = await listConsentEvents(db, 'default', Number(contactId));
    assert.deepEqual(
      events.map((e) => [e.id, e.seq, e.ip]),
      [
        [40, 1, '203.0.113.7'],
        [41, 2, '203.0.113.8'],
        [42, 3, null],
      ],
    );
    assert.deepEqual(verifyConsentChain(events), { valid: true });
    assert.equal(events[2]!.hash, prev);
    const evidence = await db.selectFrom('consent_evidence').select('id').execute();
    assert.equal(evidence.length, 2, 'the two grants share one evidence row');
    // New events get ids after the copied ones.
    const next = await db
      .insertInto('consent_events')
      .values({
        contact_id: Number(contactId),
        seq: 4,
        evidence_id: Number(evidence[0]!.id),
        collected_at: '2026-05-01T00:00:00.000Z',
        origin: 'test',
        recorded_at: '2026-05-01T00:00:00.000Z',
        hash: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(Number(next.id) > 42);
  },
);
