import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConsentEventInput } from '../consent/consent-event.ts';
import { checkLicenceUse } from './check-licence-use.ts';
import { checkListConsent } from './check-list-consent.ts';
import { checkPartnerNaming, normaliseLegalName } from './check-partner-naming.ts';
import { formatListSource, listIdOfSource, listSourcePrefix } from './format-list-source.ts';
import { hashPhone } from './hash-phone.ts';
import { judgeSeedDelivery } from './judge-seed-delivery.ts';
import { parseEuroAmount } from './parse-euro-amount.ts';
import { quoteSelection } from './quote-selection.ts';

test('quoteSelection: net-name pricing, CPM rounded up to the cent, minimum order (issue 6)', () => {
  const prices = { rentalCpmCents: 8000, purchaseCpmCents: 25000, minimumOrderCents: 10000 };
  const cases = [
    // count, duplicates, net, rental cents, rental minimum?, purchase cents
    { count: 10_000, duplicates: 0, net: 10_000, rental: 80_000, min: false, purchase: 250_000 },
    { count: 10_000, duplicates: 2_500, net: 7_500, rental: 60_000, min: false, purchase: 187_500 },
    { count: 1_001, duplicates: 0, net: 1_001, rental: 10_000, min: true, purchase: 25_025 },
    { count: 3, duplicates: 1, net: 2, rental: 10_000, min: true, purchase: 10_000 },
    { count: 5, duplicates: 5, net: 0, rental: 0, min: false, purchase: 0 },
  ];
  for (const c of cases) {
    const q = quoteSelection({ count: c.count, duplicates: c.duplicates }, prices);
    assert.equal(q.net, c.net, JSON.stringify(c));
    assert.equal(q.rental?.cents, c.rental, JSON.stringify(c));
    assert.equal(q.rental?.minimumApplied, c.min, JSON.stringify(c));
    assert.equal(q.purchase?.cents, c.purchase, JSON.stringify(c));
  }
  const odd = quoteSelection({ count: 7, duplicates: 0 }, { ...prices, minimumOrderCents: 0 });
  assert.equal(odd.rental?.cents, 56, '7 × 80 €/1000 = 0.56 €');
  assert.equal(
    quoteSelection(
      { count: 1, duplicates: 0 },
      { ...prices, minimumOrderCents: 0, rentalCpmCents: 1 },
    ).rental?.cents,
    1,
    'rounded up',
  );
  assert.equal(
    quoteSelection({ count: 1, duplicates: 0 }, { ...prices, rentalCpmCents: null }).rental,
    null,
  );
});

test('hashPhone: keyed by the salt, stable within it, 128 bits, never the number', () => {
  const a = new Uint8Array(32).fill(1);
  const b = new Uint8Array(32).fill(2);
  const phone = '+33612345678';
  assert.equal(hashPhone(a, phone), hashPhone(a, phone));
  assert.notEqual(hashPhone(a, phone), hashPhone(b, phone));
  assert.notEqual(hashPhone(a, phone), hashPhone(a, '+33612345679'));
  assert.equal(hashPhone(a, phone).length, 16);
  assert.ok(!hashPhone(a, phone).includes('612345678'));
});

test('checkLicenceUse: a rental allows exactly one campaign, a purchase any number (LIST-05)', () => {
  const cases = [
    {
      licence: { type: 'rental', state: 'active', campaignId: null },
      campaign: 'c1',
      ok: true,
      consumes: true,
    },
    {
      licence: { type: 'rental', state: 'consumed', campaignId: 'c1' },
      campaign: 'c1',
      ok: true,
      consumes: false,
    },
    { licence: { type: 'rental', state: 'consumed', campaignId: 'c1' }, campaign: 'c2', ok: false },
    {
      licence: { type: 'purchase', state: 'active', campaignId: null },
      campaign: 'c9',
      ok: true,
      consumes: false,
    },
  ] as const;
  for (const c of cases) {
    const v = checkLicenceUse(c.licence, c.campaign);
    assert.equal(v.ok, c.ok, JSON.stringify(c));
    if (v.ok && 'consumes' in c) assert.equal(v.consumes, c.consumes);
    if (!v.ok) assert.deepEqual(v, { ok: false, reason: 'rental_already_used', usedBy: 'c1' });
  }
});

test('judgeSeedDelivery: a seed reached outside a licensed campaign of its list is misuse (LIST-05)', () => {
  const seeded = [{ listId: 'L', providerWorkspaceId: 'P' }];
  const rental = {
    id: 'r',
    listId: 'L',
    workspaceId: 'A',
    type: 'rental',
    campaignId: 'c1',
  } as const;
  const purchase = {
    id: 'p',
    listId: 'L',
    workspaceId: 'B',
    type: 'purchase',
    campaignId: null,
  } as const;
  const cases = [
    { delivery: { workspaceId: 'A', campaignId: 'c1' }, misuse: 0, why: 'the rental campaign' },
    { delivery: { workspaceId: 'A', campaignId: 'c2' }, misuse: 1, why: 'a second campaign' },
    { delivery: { workspaceId: 'B', campaignId: 'c7' }, misuse: 0, why: 'a buyer' },
    { delivery: { workspaceId: 'C', campaignId: 'c1' }, misuse: 1, why: 'another workspace' },
    { delivery: { workspaceId: 'P', campaignId: 'own' }, misuse: 0, why: 'the provider itself' },
  ];
  for (const c of cases) {
    assert.equal(judgeSeedDelivery(c.delivery, seeded, [rental, purchase]).length, c.misuse, c.why);
  }
});

test('checkPartnerNaming: LIST-01 warns by default, blocks in strict mode, ignores case and accents', () => {
  const partners = ['Dupont Meubles S.A.', 'Électro Martin'];
  const named = { name: 'dup', legalName: 'DUPONT MEUBLES SA', strict: false };
  assert.equal(normaliseLegalName('Dupont Meubles S.A.'), 'dupont meubles sa');
  assert.equal(normaliseLegalName("L'Atelier  d’Élise"), 'latelier d elise');
  assert.equal(
    checkPartnerNaming(partners, { ...named, legalName: 'Dupont Meubles S.A.' }, 10),
    null,
  );
  assert.equal(
    checkPartnerNaming(partners, { name: 'x', legalName: 'electro martin', strict: true }, 1),
    null,
  );
  const warn = checkPartnerNaming(partners, { ...named, legalName: 'Canal Plus' }, 42);
  assert.equal(warn?.rule, 'LIST-01');
  assert.equal(warn?.severity, 'warn');
  assert.equal(warn?.count, 42);
  const block = checkPartnerNaming(partners, { name: 'Canal', legalName: null, strict: true }, 1);
  assert.equal(block?.severity, 'block');
  assert.equal(
    checkPartnerNaming([], { name: 'A', legalName: 'A', strict: false }, 1)?.severity,
    'warn',
  );
});

test('checkListConsent: every list number needs partner consent with the list URL and version', () => {
  const base: ConsentEventInput = {
    kind: 'granted',
    basis: 'opt_in',
    mechanism: 'unticked_checkbox',
    wording: 'w',
    wordingVersion: null,
    formUrl: null,
    ip: null,
    userAgent: null,
    collectedAt: '2026-01-01T00:00:00.000Z',
    sourceType: 'list_provider',
    partnerListUrl: 'https://p/partners',
    partnerListVersion: 'v1',
    partnerConsent: true,
    prechecked: false,
    bundledWithTerms: false,
    customerPurchase: null,
    objectionOffered: null,
  };
  const cases: Array<[Partial<ConsentEventInput>, string | null]> = [
    [{}, null],
    [{ sourceType: 'first_party' }, 'not_from_partner_collection'],
    [{ partnerConsent: false }, 'partner_consent_missing'],
    [{ partnerListUrl: null }, 'partner_list_missing'],
    [{ partnerListVersion: null }, 'partner_list_missing'],
    [{ basis: 'soft_opt_in' }, 'soft_opt_in_from_list'],
  ];
  for (const [change, defect] of cases) {
    assert.equal(checkListConsent({ ...base, ...change }), defect, JSON.stringify(change));
  }
});

test('parseEuroAmount and list sources', () => {
  const cases: Array<[string, number | null]> = [
    ['45', 4500],
    ['45.5', 4550],
    ['45,50', 4550],
    ['0.08', 8],
    ['-1', null],
    ['1e3', null],
    ['12.345', null],
    ['', null],
  ];
  for (const [text, cents] of cases) assert.equal(parseEuroAmount(text), cents, text);
  assert.equal(formatListSource('lst_1', 2), 'list:lst_1@2');
  assert.ok(formatListSource('lst_1', 2).startsWith(listSourcePrefix('lst_1')));
  assert.ok(!formatListSource('lst_10', 1).startsWith(listSourcePrefix('lst_1')));
  // Read back: the list id of a copy's source, nothing for another source.
  assert.equal(listIdOfSource(formatListSource('lst_1', 2)), 'lst_1');
  assert.equal(listIdOfSource('first_party'), null);
  assert.equal(listIdOfSource(null), null);
});
