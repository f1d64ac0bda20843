import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setUpApi } from '../../../src/api/api-test-kit.ts';
import { loadConfig } from '../../../src/config.ts';
import { forEachDatabase } from '../../../src/store/test-databases.ts';
import { countMessage } from './count-message.ts';

/** Texts around every boundary the counter must get right (FR-MSG-02: encoding and parts). */
const corpus = [
  'Soldes ce week-end !',
  'a'.repeat(160),
  'a'.repeat(161),
  'a'.repeat(306),
  'a'.repeat(307),
  `${'a'.repeat(159)}€`, // € is an extension character: 2 septets -> 161 -> 2 parts
  `${'a'.repeat(152)}[b`, // ESC pair must not be cut across parts
  'Été à Noël : -20 % sur tout, rdv à l’atelier', // ’ forces UCS-2
  'Œuvre d’art 🎨 offerte',
  `${'é'.repeat(70)}`,
  `${'ê'.repeat(70)}`,
  `${'ê'.repeat(71)}`,
  `${'x'.repeat(66)}😀`, // surrogate pair must not be cut
  'Promo {prenom} : -10 % STOP au 36180',
  'Ligne 1\nLigne 2\r\nLigne 3',
  '«\u00a0Soldes\u00a0» — 3 jours…',
];

test('the instant counter counts what the text is made of', () => {
  const table: Array<[string, { parts: number; encoding: string }]> = [
    ['a'.repeat(160), { parts: 1, encoding: 'GSM-7' }],
    ['a'.repeat(161), { parts: 2, encoding: 'GSM-7' }],
    ['ê', { parts: 1, encoding: 'UCS-2' }],
    ['ê'.repeat(71), { parts: 2, encoding: 'UCS-2' }],
  ];
  for (const [text, expected] of table) {
    const c = countMessage(text);
    assert.deepEqual({ parts: c.parts, encoding: c.encoding }, expected, text);
    assert.equal(c.capacity, c.parts * c.perPart);
  }
});

forEachDatabase(
  'the instant counter agrees with POST …/messages/check (FR-MSG-02)',
  async (store) => {
    const kit = await setUpApi(store, loadConfig({}));
    for (const text of corpus) {
      const r = await kit.call('POST', `/api/workspaces/${kit.a.id}/messages/check`, kit.keys.a, {
        body: { text },
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const local = countMessage(text);
      assert.deepEqual(
        {
          encoding: local.encoding,
          units: local.units,
          parts: local.parts,
          perPart: local.perPart,
          nonGsm: local.nonGsm,
        },
        {
          encoding: r.json.encoding,
          units: r.json.units,
          parts: r.json.parts,
          perPart: r.json.perPart,
          nonGsm: r.json.nonGsm,
        },
        JSON.stringify(text),
      );
    }
  },
);
