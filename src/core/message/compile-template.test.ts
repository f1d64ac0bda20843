import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileTemplate, type TemplateValues } from './compile-template.ts';
import { findWorstCase } from './find-worst-case.ts';
import { measureText } from './measure-text.ts';

test('render: values, fallbacks, missing placeholders, literal braces', () => {
  const t = compileTemplate(
    'Bonjour {firstName|client}, {city} vous attend ! {1} { x } STOP au 36180',
  );
  assert.deepEqual(t.placeholders, ['firstName', 'city']);
  const cases: Array<[TemplateValues, string, string[]]> = [
    [
      { firstName: 'Léa', city: 'Lyon' },
      'Bonjour Léa, Lyon vous attend ! {1} { x } STOP au 36180',
      [],
    ],
    [{ city: 'Lyon' }, 'Bonjour client, Lyon vous attend ! {1} { x } STOP au 36180', []],
    [
      { firstName: '  ', city: 'Lyon' },
      'Bonjour client, Lyon vous attend ! {1} { x } STOP au 36180',
      [],
    ],
    [
      { firstName: null, city: 'Lyon' },
      'Bonjour client, Lyon vous attend ! {1} { x } STOP au 36180',
      [],
    ],
    [{ firstName: 'Léa' }, 'Bonjour Léa,  vous attend ! {1} { x } STOP au 36180', ['city']],
  ];
  for (const [values, text, missing] of cases) {
    assert.deepEqual(t.render(values), { text, missing });
  }
  assert.equal(compileTemplate('{a|Cher client}').render({}).text, 'Cher client');
  assert.equal(compileTemplate('{a|}').render({}).text, '');
});

test('worst case: encoding, max parts and which recipient caused them', () => {
  const t = compileTemplate('Bonjour {firstName|client}, -20% ce samedi ! STOP au 36180');
  const recipients: TemplateValues[] = [
    { firstName: 'Jean' },
    { firstName: 'Hélène' }, // é and è are GSM-7
    { firstName: 'Anaïs' }, // ï forces UCS-2
    { firstName: 'A'.repeat(140) }, // two parts
    {},
  ];
  const w = findWorstCase(t, recipients);
  assert.equal(w.recipients, 5);
  assert.equal(w.encoding, 'UCS-2');
  assert.deepEqual(w.ucs2Cause, {
    recipient: 2,
    placeholder: 'firstName',
    value: 'Anaïs',
    char: 'ï',
  });
  assert.equal(w.maxParts, 2);
  assert.equal(w.worstRecipient, 3);
  assert.equal(w.maxUnits, measureText(t.render(recipients[3]!).text).units);
  assert.deepEqual([w.missingCount, w.violations], [0, []]);
});

test('worst case: a UCS-2 template text is its own cause; empty set keeps the literal', () => {
  const w = findWorstCase(compileTemplate('Fête {x|y}'), []);
  assert.deepEqual(w.ucs2Cause, {
    recipient: null,
    placeholder: null,
    value: 'Fête {x|y}',
    char: 'ê',
  });
  assert.deepEqual([w.recipients, w.maxParts, w.worstRecipient], [0, 0, null]);
});

test('missing value without fallback, and unknown placeholders, are findings', () => {
  const t = compileTemplate('Bonjour {firstName}, code {promo|BIENVENUE}');
  const w = findWorstCase(t, [{ firstName: 'Jean' }, {}, { firstName: '' }], ['firstName']);
  assert.equal(w.missingCount, 2);
  assert.deepEqual(w.missing, [
    { recipient: 1, placeholder: 'firstName' },
    { recipient: 2, placeholder: 'firstName' },
  ]);
  assert.deepEqual(
    w.violations.map((v) => [v.rule, v.severity]),
    [
      ['FR-MSG-04', 'warn'], // {promo} is unknown but has a fallback
      ['FR-MSG-04', 'block'], // 2 recipients lack {firstName}
    ],
  );
  const unknown = findWorstCase(
    compileTemplate('Bonjour {prenom}'),
    [{ prenom: 'x' }],
    ['firstName'],
  );
  assert.deepEqual(
    unknown.violations.map((v) => v.severity),
    ['block'],
  );
});

const value = fc.oneof(
  fc.constant(undefined),
  fc
    .array(fc.constantFrom('a', 'é', '€', 'ê', '😀', ' ', 'Z'), { maxLength: 90 })
    .map((a) => a.join('')),
);

test('property: the worst case equals rendering and measuring every recipient', () => {
  const t = compileTemplate('Salut {a|toi} et {b}: offre € {a} ! STOP au 36180');
  fc.assert(
    fc.property(fc.array(fc.record({ a: value, b: value }), { maxLength: 20 }), (recipients) => {
      const w = findWorstCase(t, recipients);
      const measures = recipients.map((r) => measureText(t.render(r).text));
      const maxParts = Math.max(0, ...measures.map((m) => m.parts));
      assert.equal(w.maxParts, maxParts);
      assert.equal(w.maxUnits, Math.max(0, ...measures.map((m) => m.units)));
      const ucs2 = measures.some((m) => m.encoding === 'UCS-2');
      assert.equal(w.encoding, ucs2 ? 'UCS-2' : 'GSM-7');
      if (recipients.length > 0) {
        assert.equal(
          w.worstRecipient,
          measures.findIndex((m) => m.parts === maxParts),
        );
      }
    }),
    { numRuns: 200 },
  );
});
