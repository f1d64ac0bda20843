import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeParts } from './encode-parts.ts';
import { measureText } from './measure-text.ts';

test('encodeParts: GSM-7 unpacked septets and UCS-2 UTF-16BE with data_coding 0/8', () => {
  const gsm = encodeParts('Prix: 5€ Ç');
  assert.deepEqual(
    [gsm.encoding, gsm.dataCoding, [...gsm.whole]],
    ['GSM-7', 0, [0x50, 0x72, 0x69, 0x78, 0x3a, 0x20, 0x35, 0x1b, 0x65, 0x20, 0x09]],
  );
  assert.equal(gsm.parts.length, 1);
  assert.deepEqual([...gsm.parts[0]!], [...gsm.whole]);
  const ucs = encodeParts('Fête 😀');
  assert.deepEqual(
    [ucs.encoding, ucs.dataCoding, Buffer.from(ucs.whole).toString('hex')],
    ['UCS-2', 8, '0046' + '00ea' + '0074' + '0065' + '0020' + 'd83dde00'],
  );
});

test('encodeParts refuses empty text and lone surrogates', () => {
  for (const bad of ['', 'a\ud83d', '\ude00b', '\ude00\ud83d']) {
    assert.throws(() => encodeParts(bad), { name: 'DomainError', code: 'invalid_input' });
  }
});

const alphabet = fc.constantFrom('a', 'é', 'Ç', '€', '[', '\n', 'ê', 'œ', '😀', '’', ' ');

test('property: parts rebuild the whole, fit their capacity, never cut a pair, match measureText', () => {
  fc.assert(
    fc.property(fc.array(alphabet, { minLength: 1, maxLength: 700 }), (chars) => {
      const text = chars.join('');
      const e = encodeParts(text);
      const m = measureText(text);
      assert.equal(e.encoding, m.encoding);
      assert.equal(e.parts.length, m.parts);
      const joined = Buffer.concat(e.parts.map((p) => Buffer.from(p)));
      assert.deepEqual(joined, Buffer.from(e.whole));
      const gsm = e.dataCoding === 0;
      const capacity = e.parts.length === 1 ? (gsm ? 160 : 140) : gsm ? 153 : 134;
      for (const part of e.parts) {
        assert.ok(part.length <= capacity && part.length > 0);
        if (gsm) {
          let i = 0;
          while (i < part.length) i += part[i] === 0x1b ? 2 : 1;
          assert.equal(i, part.length, 'no ESC pair cut');
        } else {
          const last = (part[part.length - 2]! << 8) | part[part.length - 1]!;
          assert.ok(last < 0xd800 || last > 0xdbff, 'no surrogate pair cut');
        }
      }
      assert.equal(e.whole.length / (gsm ? 1 : 2), m.units);
    }),
    { numRuns: 300 },
  );
});
