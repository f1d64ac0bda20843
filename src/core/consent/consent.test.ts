import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConsentEvent } from './check-consent-event.ts';
import { type ConsentEvent, type ConsentEventInput, firstPartyEvent } from './consent-event.ts';
import { eventOf, evidenceKey, evidenceOf, sameEvidence } from './consent-evidence.ts';
import { deriveConsentState, judgeConsentAt } from './derive-consent-state.ts';
import {
  chainHash,
  fingerprintConsentEvent,
  fingerprinterFor,
  firstChainHasher,
  genesisHash,
  hashConsentEvent,
} from './hash-consent-event.ts';
import { verifyConsentChain } from './verify-consent-chain.ts';

const optIn: ConsentEventInput = firstPartyEvent({
  kind: 'granted',
  basis: 'opt_in',
  mechanism: 'unticked_checkbox',
  wording: "J'accepte de recevoir les offres SMS de Dupont",
  wordingVersion: 'v1',
  formUrl: 'https://dupont.example/form',
  collectedAt: '2025-01-10T10:00:00.000Z',
});

test('consent event validity (FR-CONS-02..05, LIST-01)', () => {
  const cases: Array<[string, Partial<ConsentEventInput>, string | null]> = [
    ['unticked checkbox opt-in', {}, null],
    ['pre-ticked box (FR-CONS-02, Planet49)', { prechecked: true }, 'prechecked'],
    ['bundled with terms (FR-CONS-02)', { bundledWithTerms: true }, 'bundled_with_terms'],
    ['opt-out actif', { mechanism: 'opt_out_active' }, 'opt_out_mechanism'],
    ['opt-out passif', { mechanism: 'opt_out_passive' }, 'opt_out_mechanism'],
    ['opt-in without mechanism', { mechanism: null }, 'mechanism_missing'],
    [
      'soft opt-in with purchase and objection (FR-CONS-03)',
      { basis: 'soft_opt_in', mechanism: null, customerPurchase: true, objectionOffered: true },
      null,
    ],
    [
      'soft opt-in without purchase',
      { basis: 'soft_opt_in', customerPurchase: false, objectionOffered: true },
      'soft_opt_in_conditions',
    ],
    [
      'soft opt-in from a list is never valid',
      {
        basis: 'soft_opt_in',
        customerPurchase: true,
        objectionOffered: true,
        sourceType: 'list_provider',
        partnerConsent: true,
      },
      'soft_opt_in_from_list',
    ],
    [
      'list source without partner consent (LIST-01)',
      { sourceType: 'list_provider', partnerConsent: false },
      'partner_consent_missing',
    ],
    ['b2b without objection offered (FR-CONS-05)', { basis: 'b2b' }, 'objection_not_offered'],
    ['b2b with objection offered', { basis: 'b2b', objectionOffered: true }, null],
  ];
  for (const [name, change, defect] of cases) {
    const result = checkConsentEvent({ ...optIn, ...change });
    assert.deepEqual(result, defect ? { ok: false, defect } : { ok: true }, name);
  }
});

test('current state and lapse (FR-CONS-01, FR-CONS-07)', () => {
  const withdrawn: ConsentEventInput = {
    ...optIn,
    kind: 'withdrawn',
    collectedAt: '2025-06-01T00:00:00.000Z',
  };
  const cases: Array<[string, ConsentEventInput[], string | null, string, string]> = [
    ['no events', [], null, '2026-01-01T00:00:00Z', 'no_consent'],
    ['fresh opt-in', [optIn], null, '2026-01-01T00:00:00Z', 'ok'],
    ['withdrawn after granted', [optIn, withdrawn], null, '2026-01-01T00:00:00Z', 'withdrawn'],
    [
      'old grant recorded after a withdrawal',
      [withdrawn, optIn],
      null,
      '2026-01-01T00:00:00Z',
      'withdrawn',
    ],
    ['lapsed 3 years after collection', [optIn], null, '2028-01-10T10:00:00Z', 'lapsed'],
    ['one second before the lapse', [optIn], null, '2028-01-10T09:59:59Z', 'ok'],
    [
      'a reply renews the 3 years',
      [optIn],
      '2027-06-01T00:00:00.000Z',
      '2029-01-01T00:00:00Z',
      'ok',
    ],
    [
      'pre-ticked is invalid',
      [{ ...optIn, prechecked: true }],
      null,
      '2026-01-01T00:00:00Z',
      'invalid',
    ],
  ];
  for (const [name, events, interaction, at, expected] of cases) {
    const verdict = judgeConsentAt(deriveConsentState(events, interaction), new Date(at));
    assert.equal(verdict.ok ? 'ok' : verdict.reason, expected, name);
  }
});

function chainOf(inputs: ConsentEventInput[]): ConsentEvent[] {
  let prev = genesisHash;
  return inputs.map((input, i) => {
    const rest = {
      ...input,
      workspaceId: 'default',
      phone: '+33612345678',
      seq: i + 1,
      origin: 'test',
      recordedAt: '2026-11-28T12:00:00.000Z',
      fingerprint: fingerprintConsentEvent('+33612345678', input),
      prevHash: prev,
    };
    prev = hashConsentEvent(rest);
    return { ...rest, hash: prev };
  });
}

test('hash chain detects edits, removals and reordering', () => {
  const chain = chainOf([
    optIn,
    { ...optIn, kind: 'withdrawn', collectedAt: '2025-02-01T00:00:00.000Z' },
  ]);
  assert.deepEqual(verifyConsentChain(chain), { valid: true });
  const edited = chain.map((e) => (e.seq === 1 ? { ...e, wording: 'autre texte' } : e));
  assert.equal(verifyConsentChain(edited).valid, false);
  const rehashed = edited.map((e) =>
    e.seq === 1 ? { ...e, fingerprint: fingerprintConsentEvent(e.phone, e) } : e,
  );
  assert.deepEqual(verifyConsentChain(rehashed), { valid: false, seq: 1, reason: 'hash_mismatch' });
  assert.deepEqual(verifyConsentChain(chain.slice(1)), { valid: false, seq: 2, reason: 'seq_gap' });
  assert.equal(fingerprintConsentEvent('+33612345678', optIn), chain[0]!.fingerprint);
});

test('the bulk fingerprinter and chain hash give exactly the one-by-one results', () => {
  const variants: ConsentEventInput[] = [
    optIn,
    {
      ...optIn,
      ip: null,
      userAgent: 'Mozilla/5.0 "quoted" \\ é',
      collectedAt: '2024-02-29T23:59:59.999Z',
    },
    { ...optIn, wording: null, formUrl: null, customerPurchase: true, objectionOffered: false },
    { ...optIn, kind: 'withdrawn', basis: null, mechanism: 'keyword', sourceType: 'list_provider' },
  ];
  for (const evidence of variants) {
    const print = fingerprinterFor(evidence);
    for (const own of [
      evidence,
      { collectedAt: '2026-01-01T00:00:00.000Z', ip: '::1', userAgent: null },
    ]) {
      const event = { ...evidence, ...own };
      const expected = fingerprintConsentEvent('+33612345678', event);
      assert.equal(print('+33612345678', own), expected);
      const rest = {
        ...event,
        workspaceId: 'w',
        phone: '+33612345678',
        seq: 3,
        origin: 'import:a.csv',
        recordedAt: '2026-11-28T12:00:00.000Z',
        fingerprint: expected,
        prevHash: genesisHash,
      };
      assert.equal(
        chainHash(genesisHash, expected, 'w', '+33612345678', 3, 'import:a.csv', rest.recordedAt),
        hashConsentEvent(rest),
      );
      for (const [workspace, origin] of [
        ['w', 'import:a.csv'],
        ['ws "quoted" é', 'import:d\'un "fichier" \\ é.csv'],
      ]) {
        assert.equal(
          firstChainHasher(workspace!, origin!, rest.recordedAt)(expected, '+33612345678'),
          hashConsentEvent({ ...rest, seq: 1, workspaceId: workspace!, origin: origin! }),
        );
      }
    }
  }
  assert.notEqual(
    fingerprinterFor(optIn)('+33612345678', optIn),
    fingerprinterFor({ ...optIn, wording: 'autre' })('+33612345678', optIn),
    'the evidence is part of the fingerprint',
  );
});

test('evidence: every field of it tells two evidences apart, by key and field by field', () => {
  const evidence = evidenceOf(optIn);
  assert.equal(Object.keys(evidence).length, 14);
  assert.ok(sameEvidence(evidence, evidenceOf({ ...optIn, ip: '203.0.113.9' })));
  for (const field of Object.keys(evidence) as Array<keyof typeof evidence>) {
    const other = { ...evidence, [field]: `other ${String(evidence[field])}` };
    assert.equal(sameEvidence(evidence, other), false, field);
    assert.notEqual(evidenceKey(other), evidenceKey(evidence), field);
  }
  const own = { collectedAt: optIn.collectedAt, ip: optIn.ip, userAgent: optIn.userAgent };
  assert.deepEqual(eventOf(evidence, own), optIn);
});
