import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureText } from './measure-text.ts';
import { transliterate } from './transliterate.ts';

test('each French character that forces UCS-2 has a readable GSM-7 replacement', () => {
  const cases: Array<[string, string]> = [
    ['â', 'a'],
    ['ç', 'c'],
    ['ê', 'e'],
    ['ë', 'e'],
    ['î', 'i'],
    ['ï', 'i'],
    ['ô', 'o'],
    ['û', 'u'],
    ['ÿ', 'y'],
    ['œ', 'oe'],
    ['Œ', 'OE'],
    ['À', 'A'],
    ['Â', 'A'],
    ['È', 'E'],
    ['Ê', 'E'],
    ['Ë', 'E'],
    ['Î', 'I'],
    ['Ï', 'I'],
    ['Ô', 'O'],
    ['Ù', 'U'],
    ['Û', 'U'],
    ['Ÿ', 'Y'],
    ['“', '"'],
    ['”', '"'],
    ['„', '"'],
    ['‘', "'"],
    ['’', "'"],
    ['‚', "'"],
    ['′', "'"],
    ['…', '...'],
    ['–', '-'],
    ['—', '-'],
    ['‑', '-'],
    ['\u00a0', ' '],
    ['\u202f', ' '],
    ['\u2009', ' '],
    ['°', 'o'],
    ['\u200b', ''],
    ['\u00ad', ''],
    ['ā', 'a'],
    ['Ć', 'C'],
  ];
  for (const [char, expected] of cases) {
    const r = transliterate(`x${char}y`);
    assert.equal(r.text, `x${expected}y`, JSON.stringify(char));
    assert.deepEqual(r.replacements, [{ char, index: 1, with: expected }]);
    assert.equal(measureText(r.text).encoding, 'GSM-7', JSON.stringify(char));
  }
});

test('GSM-7 characters stay: É, Ç, é, è, à, ù, €, and emoji are kept (no readable equivalent)', () => {
  const text = 'ÉÇéèàùÄÖÜäöüñ€ 😀';
  const r = transliterate(text);
  assert.equal(r.text, text);
  assert.deepEqual(r.replacements, []);
});

test('guillemets lose their inner French spaces; combining accents fold when GSM-7', () => {
  assert.equal(transliterate('« Soldes »').text, '"Soldes"');
  assert.equal(transliterate('«\u202fSoldes\u202f»').text, '"Soldes"');
  assert.equal(transliterate('Cafe\u0301 cre\u0300me').text, 'Café crème');
  assert.equal(transliterate('Fe\u0302te').text, 'Fete');
  assert.equal(transliterate('Prix\u202f: 5\u00a0€\u202f!').text, 'Prix : 5 € !');
});

test('transliteration turns a UCS-2 message into fewer GSM-7 parts (FR-MSG-04)', () => {
  const text =
    '« Fête des mères » : -20 % sur l’œuf de Pâques, la crème brûlée et le pâté… ' +
    'Rendez-vous à la boutique — ouverte dès 9 h ! STOP au 36180';
  const before = measureText(text);
  const after = measureText(transliterate(text).text);
  assert.deepEqual([before.encoding, before.parts], ['UCS-2', 3]);
  assert.deepEqual([after.encoding, after.parts], ['GSM-7', 1]);
  assert.equal(
    transliterate(text).text,
    '"Fete des mères" : -20 % sur l\'oeuf de Paques, la crème brulée et le paté... ' +
      'Rendez-vous à la boutique - ouverte dès 9 h ! STOP au 36180',
  );
});
