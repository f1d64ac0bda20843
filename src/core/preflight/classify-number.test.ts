import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumber } from '../phone/parse-number.ts';
import { createNumberClassifier } from './classify-number.ts';
import { createKeyIndex } from './create-key-index.ts';
import { e164Key } from './e164-key.ts';

test('the cached class equals direct parsing for every number of a varied sample', () => {
  const classify = createNumberClassifier();
  const prefixes = [
    '+336',
    '+337',
    '+3363',
    '+262692',
    '+262693',
    '+262639',
    '+2627093',
    '+590690',
    '+596696',
    '+594694',
    '+68987',
    '+50855',
    '+331',
    '+2693',
    '+4479',
  ];
  let checked = 0;
  for (const prefix of prefixes) {
    for (let i = 0; i < 400; i++) {
      for (const length of [11, 12, 13]) {
        const digits = String((i * 7_919 + length * 104_729) % 10 ** 9).padStart(9, '0');
        const phone = (prefix + digits).slice(0, length);
        const direct = parseNumber(phone);
        const cached = classify(phone, e164Key(phone));
        const expectValid = direct.valid && direct.e164 === phone;
        assert.equal(cached.valid, expectValid, phone);
        if (expectValid) {
          assert.deepEqual(
            [cached.mobile, cached.territories, cached.timeZones, cached.rulePack, cached.reason],
            [direct.mobile, direct.territories, direct.timeZones, direct.rulePack, direct.reason],
            phone,
          );
        }
        checked++;
      }
    }
  }
  assert.equal(checked, prefixes.length * 1200);
});

test('a number that is not canonical E.164 is parsed directly', () => {
  const classify = createNumberClassifier();
  assert.equal(classify('06 12 34 56 78', Number.NaN).valid, true);
  assert.equal(classify('0692 12 34 56', Number.NaN).territories[0], 'RE');
});

const keys: Array<[string, number]> = [
  ['+33612345678', 33_612_345_678],
  ['+689871234567', 689_871_234_567],
  ['+123456789012345', 123_456_789_012_345],
  ['33612345678', Number.NaN],
  ['+03612345678', Number.NaN],
  ['+3361234567a', Number.NaN],
  ['+336', Number.NaN],
  ['+1234567890123456', Number.NaN],
];

for (const [phone, key] of keys) {
  test(`e164Key(${phone})`, () => assert.equal(e164Key(phone), key));
}

test('the key index stores, overwrites and reports absent keys', () => {
  const index = createKeyIndex(1000);
  for (let i = 0; i < 1000; i++) index.set(33_600_000_000 + i * 4_294_967_296, i);
  index.set(33_600_000_000, 7);
  assert.equal(index.size, 1000);
  assert.equal(index.get(33_600_000_000), 7);
  assert.equal(index.get(33_600_000_000 + 999 * 4_294_967_296), 999);
  assert.equal(index.get(12), -1);
  let visited = 0;
  index.forEachKey(() => visited++);
  assert.equal(visited, 1000);
});
