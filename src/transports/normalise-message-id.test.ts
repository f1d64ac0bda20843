import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseMessageId } from './normalise-message-id.ts';

test('ids from submit_sm_resp and receipt texts compare equal once normalised', () => {
  const cases = [
    // [format, response id, receipt text id]
    ['same', '00AbC123', 'abc123'],
    ['same', '0000000042', '42'],
    ['same', '0', '000'],
    ['same', ' 7f3a ', '7F3A'],
    ['hex-dec', '1A2B3C', '0001715004'],
    ['hex-dec', '10000', '65536'],
    ['hex-dec', 'ffffffffffffffff', '18446744073709551615'],
    ['dec-hex', '65536', '00010000'],
    ['hex-hex', '00ff', 'FF'],
    ['dec-dec', '000123', '123'],
  ] as const;
  for (const [format, response, text] of cases) {
    assert.equal(
      normaliseMessageId(response, format, 'response'),
      normaliseMessageId(text, format, 'receipt-text'),
      `${format}: ${response} vs ${text}`,
    );
  }
});

test('different ids stay different; non-numeric ids fall back to text', () => {
  assert.notEqual(
    normaliseMessageId('10', 'hex-dec', 'response'),
    normaliseMessageId('10', 'hex-dec', 'receipt-text'),
  );
  assert.equal(normaliseMessageId('msg-XYZ', 'hex-dec', 'response'), 'msg-xyz');
  assert.equal(normaliseMessageId('', 'same', 'response'), '');
});
