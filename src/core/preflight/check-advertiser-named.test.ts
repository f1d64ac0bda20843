import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAdvertiserNamed } from './check-advertiser-named.ts';

const dupont = { name: 'Meubles Dupont', legalName: 'Meubles Dupont SAS', senders: [] };

test('FR-MSG-01: a sender or a text that names the advertiser passes', () => {
  for (const [sender, text] of [
    ['DUPONT', 'Soldes -20% ce samedi ! STOP au 36180'],
    ['MEUBLESDUPO', 'Soldes -20% ce samedi ! STOP au 36180'],
    ['Meubles-Dupont', 'Soldes ! STOP au 36180'],
    ['36180', 'Dupont : soldes -20% ce samedi ! STOP au 36180'],
    ['SOLDES', 'Chez DUPONT, -20% ! STOP au 36180'],
    ['SOLDES', 'Chez Meubles Dupont SAS : -20% ! STOP au 36180'],
  ]) {
    assert.equal(checkAdvertiserNamed(sender!, text!, dupont), null, `${sender} / ${text}`);
  }
});

test('FR-MSG-01: accents, case and approved senders count as names', () => {
  const cafe = { name: 'Café Élysée', legalName: null, senders: ['CAFELY'] };
  assert.equal(checkAdvertiserNamed('PROMO', 'Le cafe elysee vous offre un cafe', cafe), null);
  assert.equal(checkAdvertiserNamed('CAFELY', '-10% demain ! STOP au 36180', cafe), null);
  assert.equal(checkAdvertiserNamed('36180', 'CAFELY : -10% ! STOP au 36180', cafe), null);
});

test('FR-MSG-01: a message naming nobody warns, and says why for a short code', () => {
  const alpha = checkAdvertiserNamed('SOLDES', '-20% ce samedi ! STOP au 36180', dupont);
  assert.equal(alpha?.rule, 'FR-MSG-01');
  assert.equal(alpha?.severity, 'warn');
  assert.equal(alpha?.layer, 'law');
  assert.match(alpha!.message, /ni l’émetteur « SOLDES » ni le texte/);
  assert.match(alpha!.message, /Meubles Dupont SAS/);
  const short = checkAdvertiserNamed('36180', '-20% ce samedi ! STOP au 36180', dupont);
  assert.match(short!.message, /numéro court \(36180\)/);
});

test('FR-MSG-01: generic words, legal forms and part of a word do not name the advertiser', () => {
  // "Meubles" alone is distinctive enough here, but "France", "SAS" and a word inside another
  // word are not.
  const optin = { name: 'OptIn France', legalName: 'OptIn France SARL', senders: [] };
  assert.notEqual(checkAdvertiserNamed('PROMO', 'Offre France SARL ! STOP au 36180', optin), null);
  assert.notEqual(checkAdvertiserNamed('PROMO', 'Soldes optinator ! STOP', optin), null);
  assert.equal(checkAdvertiserNamed('PROMO', 'Offre OptIn ! STOP au 36180', optin), null);
  // A sender too short to stand for a name cut to 11 characters.
  assert.notEqual(checkAdvertiserNamed('MEUB', 'Soldes ! STOP au 36180', dupont), null);
});
