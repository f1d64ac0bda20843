import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeParts } from '../core/message/encode-parts.ts';
import { gsmAlphabet } from '../core/message/gsm-alphabet.ts';
import { decodeGsm7 } from './decode-gsm7.ts';
import { decodeShortMessage } from './decode-short-message.ts';

test('every basic septet decodes to its GSM 03.38 character (0x09 is capital Ç)', () => {
  for (let septet = 0; septet < 128; septet += 1) {
    if (septet === 0x1b) continue;
    assert.equal(
      decodeGsm7(Uint8Array.of(septet)),
      gsmAlphabet.basic[septet],
      `0x${septet.toString(16)}`,
    );
  }
  assert.equal(decodeGsm7(Uint8Array.of(0x09)), 'Ç');
  assert.equal(decodeGsm7(Uint8Array.of(0x05, 0x04, 0x7f)), 'éèà');
});

test('every extension character decodes from ESC + code', () => {
  const table = [
    [0x0a, '\f'],
    [0x14, '^'],
    [0x28, '{'],
    [0x29, '}'],
    [0x2f, '\\'],
    [0x3c, '['],
    [0x3d, '~'],
    [0x3e, ']'],
    [0x40, '|'],
    [0x65, '€'],
  ] as const;
  for (const [code, char] of table) assert.equal(decodeGsm7(Uint8Array.of(0x1b, code)), char);
});

test('odd inputs: unknown extension shows the basic char, trailing ESC dropped, high bytes U+FFFD', () => {
  assert.equal(decodeGsm7(Uint8Array.of(0x1b, 0x41)), 'A');
  assert.equal(decodeGsm7(Uint8Array.of(0x41, 0x1b)), 'A');
  assert.equal(decodeGsm7(Uint8Array.of(0x80)), '\uFFFD');
});

test('decoding is the inverse of the composer encoding for French GSM-7 text', () => {
  for (const text of [
    'Café à 20 €',
    "Soldes [-20%] {jusqu'à} samedi ~ 18h | ^_^",
    'ÉÇÖÜ ßÆæ @£$¥ §¿¡',
  ]) {
    const encoded = encodeParts(text);
    assert.equal(encoded.dataCoding, 0);
    assert.equal(decodeGsm7(encoded.whole), text);
  }
});

test('short messages decode by data_coding: 0 GSM-7, 1 ASCII, 3 Latin-1, 8 UCS-2, 0xF0 class', () => {
  const cases = [
    { bytes: Buffer.from([0x53, 0x54, 0x4f, 0x50, 0x20, 0x1b, 0x65]), dc: 0, text: 'STOP €' },
    { bytes: Buffer.from('STOP', 'ascii'), dc: 1, text: 'STOP' },
    { bytes: Buffer.from('Arrêt', 'latin1'), dc: 3, text: 'Arrêt' },
    { bytes: Buffer.from('Arrête 🙏', 'utf16le').swap16(), dc: 8, text: 'Arrête 🙏' },
    { bytes: Buffer.from([0x00, 0x41, 0x00]), dc: 8, text: 'A' },
    { bytes: Buffer.from([0x05]), dc: 0xf0, text: 'é' },
    { bytes: Buffer.from('é', 'latin1'), dc: 0xf4, text: 'é' },
    { bytes: Buffer.from('Désinscrire', 'latin1'), dc: 4, text: 'Désinscrire' },
  ];
  for (const c of cases) assert.equal(decodeShortMessage(c.bytes, c.dc), c.text, `dc ${c.dc}`);
});
