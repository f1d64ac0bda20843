import assert from 'node:assert/strict';
import { firstPartyEvent } from '../core/consent/consent-event.ts';
import { evidenceOf } from '../core/consent/consent-evidence.ts';
import { createEvidenceCache } from './chain-links.ts';
import { forEachDatabase } from './test-databases.ts';

const evidence = evidenceOf(
  firstPartyEvent({
    kind: 'granted',
    basis: 'opt_in',
    mechanism: 'unticked_checkbox',
    wording: "J'accepte les SMS de Dupont",
    formUrl: 'https://dupont.example/form',
    collectedAt: '2025-03-01T10:00:00.000Z',
  }),
);
const own = { collectedAt: '2025-03-01T10:00:00.000Z', ip: '203.0.113.7', userAgent: null };

forEachDatabase(
  'chain links: an event’s content key is equal exactly when its fingerprint would be',
  async (store) => {
    await store.bulk(async (session) => {
      const cache = createEvidenceCache(session);
      cache.remember(1, evidence);
      // The same evidence stored twice (no unique key on evidence): one content.
      cache.remember(2, { ...evidence });
      cache.remember(3, { ...evidence, wordingVersion: 'v2' });
      assert.equal(cache.keyOf(1, own), cache.keyOf(2, own));
      assert.notEqual(cache.keyOf(1, own), cache.keyOf(3, own), 'another evidence');
      const others = [
        { ...own, collectedAt: '2025-03-01T10:00:00.001Z' },
        { ...own, ip: null },
        { ...own, userAgent: 'Mozilla/5.0' },
        { ...own, ip: null, userAgent: '203.0.113.7' },
      ];
      for (const other of others) {
        assert.notEqual(cache.keyOf(1, own), cache.keyOf(1, other), JSON.stringify(other));
      }
      assert.throws(() => cache.keyOf(4, own), /evidence 4 not loaded/);
    });
  },
);
