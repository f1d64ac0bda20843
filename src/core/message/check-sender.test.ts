import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSender } from './check-sender.ts';
import type { MessagePurpose } from './message-purpose.ts';

type Case = [string, MessagePurpose, boolean, string, string | null, 'block' | 'warn' | null];

test('sender rules FR-SND-01, FR-SND-02 and FR-SND-03 (rules.md §3 and §10)', () => {
  const cases: Case[] = [
    // sender, purpose, valid, kind, rule, severity
    ['DUPONT', 'promotional', true, 'alphanumeric', null, null],
    ['DUPONT2026', 'promotional', true, 'alphanumeric', null, null],
    ['Dupont', 'promotional', true, 'alphanumeric', null, null],
    ['D', 'promotional', true, 'alphanumeric', null, null],
    ['ABCDEFGHIJK', 'promotional', true, 'alphanumeric', null, null],
    ['1A', 'promotional', true, 'alphanumeric', null, null],
    // FR-SND-02: format of an OADC
    ['DUPONT-MEUB', 'promotional', false, 'invalid', 'FR-SND-02', 'block'],
    ['ABCDEFGHIJKL', 'promotional', false, 'invalid', 'FR-SND-02', 'block'],
    ['Dupont Meub', 'promotional', false, 'invalid', 'FR-SND-02', 'block'],
    ['Café', 'promotional', false, 'invalid', 'FR-SND-02', 'block'],
    ["L'ATELIER", 'promotional', false, 'invalid', 'FR-SND-02', 'block'],
    ['', 'promotional', false, 'invalid', 'FR-SND-02', 'block'],
    ['12345678', 'promotional', false, 'number', 'FR-SND-02', 'block'],
    ['0937123456', 'transactional', false, 'number', 'FR-SND-02', 'block'],
    ['+4915112345678', 'promotional', false, 'number', 'FR-SND-02', 'block'],
    // FR-SND-02: short codes
    ['36180', 'promotional', true, 'short-code', null, null],
    ['36180', 'transactional', true, 'short-code', null, null],
    ['38100', 'promotional', true, 'short-code', 'FR-SND-02', 'warn'],
    ['38100', 'transactional', true, 'short-code', null, null],
    ['33700', 'promotional', false, 'short-code', 'FR-SND-02', 'block'],
    ['34990', 'transactional', false, 'short-code', 'FR-SND-02', 'block'],
    ['36 180', 'promotional', false, 'short-code', 'FR-SND-02', 'block'],
    ['36180 ', 'promotional', false, 'short-code', 'FR-SND-02', 'block'],
    // FR-SND-01: 06/07 numbers, metropolitan and overseas, any writing
    ['0612345678', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['0712345678', 'transactional', false, 'number', 'FR-SND-01', 'block'],
    ['06 12 34 56 78', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['06.12.34.56.78', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+33612345678', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+33 7 51 23 45 67', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['0033612345678', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['33612345678', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+33 (0)6 12 34 56 78', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['0690001234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['0692123456', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['0639201234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['0709001234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+262692123456', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+262639201234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+590690001234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+594694201234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+596696201234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    ['+590709001234', 'promotional', false, 'number', 'FR-SND-01', 'block'],
    // FR-SND-01's check ^(\+33|0)[67] on a name too
    ['06PIZZA', 'promotional', false, 'alphanumeric', 'FR-SND-01', 'block'],
    ['07SHOP', 'transactional', false, 'alphanumeric', 'FR-SND-01', 'block'],
    ['0PIZZA', 'promotional', true, 'alphanumeric', null, null],
    ['PIZZA06', 'promotional', true, 'alphanumeric', null, null],
    // FR-SND-03: generic senders (default deny list), case and trailing digits ignored
    ['ALERTE', 'transactional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['info', 'promotional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['Banque', 'promotional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['COLIS', 'transactional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['PAIEMENT', 'transactional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['RDV', 'transactional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['PROMO2026', 'promotional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['AMELI', 'promotional', false, 'alphanumeric', 'FR-SND-03', 'block'],
    ['INFOMEUBLE', 'promotional', true, 'alphanumeric', null, null],
  ];
  for (const [sender, purpose, valid, kind, rule, severity] of cases) {
    const r = checkSender(sender, purpose);
    const label = `${JSON.stringify(sender)} ${purpose}`;
    assert.deepEqual([r.valid, r.kind], [valid, kind], label);
    assert.deepEqual(
      r.violations.map((v) => [v.rule, v.severity]),
      rule === null ? [] : [[rule, severity]],
      label,
    );
    assert.equal(r.reason !== undefined, !valid, `${label} has a reason when refused`);
  }
});

test('reasons name the problem', () => {
  assert.match(checkSender('DUPONT-MEUB', 'promotional').reason!, /« - »/);
  assert.match(checkSender('Dupont Meub', 'promotional').reason!, /une espace/);
  assert.match(checkSender('ABCDEFGHIJKL', 'promotional').reason!, /12 caractères.*11/);
  assert.match(checkSender('0612345678', 'promotional').reason!, /numéro de mobile/);
  assert.match(checkSender('06PIZZA', 'promotional').reason!, /commence comme un numéro de mobile/);
  assert.match(checkSender('36 180', 'promotional').reason!, /sans espace.*« 36180 »/);
  assert.match(checkSender('DUPONT\t', 'promotional').reason!, /une tabulation/);
  assert.match(checkSender('DUPONT\u00a0', 'promotional').reason!, /une espace insécable/);
});

test('a configured deny list replaces the default one (TEXTO_SENDER_DENYLIST)', () => {
  assert.equal(checkSender('ALERTE', 'promotional', ['DUPONT']).valid, true);
  const r = checkSender('dupont', 'promotional', ['DUPONT']);
  assert.deepEqual([r.valid, r.violations[0]?.rule], [false, 'FR-SND-03']);
  assert.match(r.reason!, /liste des expéditeurs refusés.*marques d'autrui/);
});
