import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { createTranslate } from './i18n-context.tsx';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('French and English have the same keys, none empty, with the same placeholders', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(fr).sort());
  for (const [key, text] of Object.entries(fr)) {
    const other = en[key as keyof typeof en];
    assert.ok(text.trim() && other.trim(), key);
    assert.deepEqual(placeholders(other), placeholders(text), key);
  }
});

test('translate fills placeholders and reads an unknown key as itself', () => {
  const t = createTranslate('fr');
  const table: Array<[Parameters<typeof t>, string]> = [
    [
      ['compose.serverAgrees', { parts: 2, encoding: 'UCS-2' }],
      'Le serveur compte 2 SMS en UCS-2.',
    ],
    [['signin.title'], 'Connexion'],
    [['rule.XX-NEW' as never], 'rule.XX-NEW'],
  ];
  for (const [args, expected] of table) assert.equal(t(...args), expected);
  assert.equal(createTranslate('en')('signin.title'), 'Sign in');
});
