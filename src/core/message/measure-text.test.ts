import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeParts } from './encode-parts.ts';
import { measureText } from './measure-text.ts';

/**
 * GSM 03.38 default alphabet typed independently of the implementation (3GPP TS 23.038 §6.2.1),
 * one row of 16 septets per line; null is the ESC slot 0x1B. FR-MSG-04.
 */
const basicRows: ReadonlyArray<ReadonlyArray<string | null>> = [
  [
    '@',
    '\u00a3',
    '$',
    '\u00a5',
    '\u00e8',
    '\u00e9',
    '\u00f9',
    '\u00ec',
    '\u00f2',
    '\u00c7',
    '\n',
    '\u00d8',
    '\u00f8',
    '\r',
    '\u00c5',
    '\u00e5',
  ],
  [
    '\u0394',
    '_',
    '\u03a6',
    '\u0393',
    '\u039b',
    '\u03a9',
    '\u03a0',
    '\u03a8',
    '\u03a3',
    '\u0398',
    '\u039e',
    null,
    '\u00c6',
    '\u00e6',
    '\u00df',
    '\u00c9',
  ],
  [' ', '!', '"', '#', '\u00a4', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/'],
  ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?'],
  ['\u00a1', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'],
  [
    'P',
    'Q',
    'R',
    'S',
    'T',
    'U',
    'V',
    'W',
    'X',
    'Y',
    'Z',
    '\u00c4',
    '\u00d6',
    '\u00d1',
    '\u00dc',
    '\u00a7',
  ],
  ['\u00bf', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o'],
  [
    'p',
    'q',
    'r',
    's',
    't',
    'u',
    'v',
    'w',
    'x',
    'y',
    'z',
    '\u00e4',
    '\u00f6',
    '\u00f1',
    '\u00fc',
    '\u00e0',
  ],
];

/** Extension table (after ESC 0x1B): each costs 2 septets. */
const extensionChars: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['\u20ac', 0x65],
];

const basicChars = basicRows.flatMap((row, r) =>
  row.flatMap((char, c) => (char === null ? [] : [[char, r * 16 + c] as const])),
);

test('every GSM-7 basic character costs 1 septet and encodes to its septet (FR-MSG-04)', () => {
  assert.equal(basicChars.length, 127);
  for (const [char, septet] of basicChars) {
    const m = measureText(char);
    assert.deepEqual(
      [m.encoding, m.units, m.parts, m.nonGsm.length],
      ['GSM-7', 1, 1, 0],
      `basic ${JSON.stringify(char)}`,
    );
    const e = encodeParts(char);
    assert.equal(e.dataCoding, 0);
    assert.deepEqual([...e.whole], [septet], `septet of ${JSON.stringify(char)}`);
  }
});

test('every GSM-7 extension character costs 2 septets, ESC 0x1B + code (FR-MSG-04)', () => {
  for (const [char, code] of extensionChars) {
    const m = measureText(`a${char}`);
    assert.deepEqual([m.encoding, m.units], ['GSM-7', 3], `extension ${JSON.stringify(char)}`);
    assert.deepEqual(
      [...encodeParts(char).whole],
      [0x1b, code],
      `bytes of ${JSON.stringify(char)}`,
    );
  }
  // 80 € = 160 septets: one SMS; 81 € = 162 septets: two parts.
  assert.equal(measureText('€'.repeat(80)).parts, 1);
  assert.equal(measureText('€'.repeat(81)).parts, 2);
});

test('0x09 is capital Ç; small ç and the French letters below force UCS-2 (FR-MSG-04)', () => {
  assert.deepEqual([...encodeParts('Ç').whole], [0x09]);
  const gsmFrench = 'àäæéèöùüÄÆÇÉÖÜ';
  assert.equal(measureText(gsmFrench).encoding, 'GSM-7');
  const forcing = 'âçêëîïôœûÿÀÂÈÊËÎÏÔŒÙÛŸ«»’‘“”…–—\u00a0\u202f°';
  for (const char of forcing) {
    const text = `Promo ${char} ici`;
    const m = measureText(text);
    assert.equal(m.encoding, 'UCS-2', `${JSON.stringify(char)} forces UCS-2`);
    assert.deepEqual(m.nonGsm, [{ char, index: 6 }]);
    assert.equal(m.units, text.length);
  }
});

test('nonGsm gives whole code points at their UTF-16 index; non-BMP costs 2 units', () => {
  const m = measureText('Fête 😀 là ç');
  assert.deepEqual(m.nonGsm, [
    { char: 'ê', index: 1 },
    { char: '😀', index: 5 },
    { char: 'ç', index: 11 },
  ]);
  assert.equal(m.units, 12);
  assert.deepEqual(measureText('😀').units, 2);
});

test('part boundaries: 160/161 and 153×k for GSM-7, 70/71 and 67×k for UCS-2', () => {
  const cases: Array<[string, number, number, number]> = [
    // text, units, parts, perPart
    ['a'.repeat(1), 1, 1, 160],
    ['a'.repeat(160), 160, 1, 160],
    ['a'.repeat(161), 161, 2, 153],
    ['ê'.repeat(70), 70, 1, 70],
    ['ê'.repeat(71), 71, 2, 67],
  ];
  for (let k = 2; k <= 10; k += 1) {
    cases.push(['a'.repeat(153 * k), 153 * k, k, 153]);
    cases.push(['ê'.repeat(67 * k), 67 * k, k, 67]);
    if (k < 10) {
      cases.push(['a'.repeat(153 * k + 1), 153 * k + 1, k + 1, 153]);
      cases.push(['ê'.repeat(67 * k + 1), 67 * k + 1, k + 1, 67]);
    }
  }
  for (const [text, units, parts, perPart] of cases) {
    const m = measureText(text);
    const label = `${m.encoding} ${text.length} chars`;
    assert.deepEqual([m.units, m.parts, m.perPart], [units, parts, perPart], label);
    const e = encodeParts(text);
    assert.equal(e.parts.length, parts, label);
    const unitBytes = e.dataCoding === 0 ? 1 : 2;
    for (const [i, part] of e.parts.entries()) {
      const expected = i < parts - 1 ? perPart : units - perPart * (parts - 1);
      assert.equal(part.length, expected * unitBytes, `${label} part ${i}`);
    }
  }
});

test('an ESC pair at a part boundary moves whole to the next part', () => {
  // 152 septets, then € (2) would straddle 153: the pair opens part 2.
  const cases: Array<[string, number, number[]]> = [
    ['a'.repeat(152) + '€' + 'b'.repeat(10), 2, [152, 12]],
    ['a'.repeat(151) + '€' + 'b'.repeat(10), 2, [153, 10]],
    // 306 septets fit 2×153 arithmetically, but the pair forces a third part.
    ['a'.repeat(152) + '€' + 'b'.repeat(152), 3, [152, 153, 1]],
    ['a'.repeat(152) + '€' + 'b'.repeat(151), 2, [152, 153]],
  ];
  for (const [text, parts, sizes] of cases) {
    assert.equal(measureText(text).parts, parts);
    const e = encodeParts(text);
    assert.deepEqual(
      e.parts.map((p) => p.length),
      sizes,
    );
    if (sizes[0] === 152) assert.equal(e.parts[1]![0], 0x1b, 'part 2 starts with the ESC');
    assert.notEqual(e.parts[0]!.at(-1), 0x1b, 'part 1 does not end with a lone ESC');
  }
});

test('a surrogate pair at a part boundary moves whole to the next part', () => {
  const cases: Array<[string, number, number[]]> = [
    ['ê'.repeat(66) + '😀' + 'b'.repeat(10), 2, [66, 12]],
    ['ê'.repeat(65) + '😀' + 'b'.repeat(10), 2, [67, 10]],
    ['ê'.repeat(66) + '😀' + 'b'.repeat(66), 3, [66, 67, 1]],
  ];
  for (const [text, parts, units] of cases) {
    assert.equal(measureText(text).parts, parts);
    const e = encodeParts(text);
    assert.equal(e.dataCoding, 8);
    assert.deepEqual(
      e.parts.map((p) => p.length / 2),
      units,
    );
    const high = (e.parts[1]![0]! << 8) | e.parts[1]![1]!;
    const moved = units[0] === 66;
    assert.equal(high >= 0xd800 && high <= 0xdbff, moved, 'part 2 starts with the high surrogate');
  }
});
