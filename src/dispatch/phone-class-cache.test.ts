import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ParsedNumber, parseNumber } from '../core/phone/parse-number.ts';
import { createPhoneClassCache } from './phone-class-cache.ts';

/** parseNumber, counting its calls. */
function countingParse(): { parse: (phone: string) => ParsedNumber; calls: () => number } {
  let calls = 0;
  return {
    parse: (phone) => {
      calls += 1;
      return parseNumber(phone);
    },
    calls: () => calls,
  };
}

test('phone classes: a number is parsed once; same plan → one shared class, overseas → another', () => {
  const counter = countingParse();
  const cache = createPhoneClassCache(10, counter.parse);
  const paris = cache.classOf('+33612345678');
  assert.equal(cache.classOf('+33612345678'), paris);
  assert.equal(counter.calls(), 1);
  assert.equal(paris?.number.e164, '+33612345678');
  // Same class → the same shared entry (the first number parsed stands for the class).
  assert.equal(cache.classOf('+33698765432'), paris);
  const reunion = cache.classOf('+262692123456');
  assert.ok(reunion);
  assert.notEqual(reunion.key, paris?.key);
  assert.equal(counter.calls(), 3);
});

test('phone classes: an invalid number is cached as null (no parse at each retry)', () => {
  const counter = countingParse();
  const cache = createPhoneClassCache(10, counter.parse);
  assert.equal(cache.classOf('+3312'), null);
  assert.equal(cache.classOf('+3312'), null);
  assert.equal(counter.calls(), 1);
});

test('phone classes: bounded, the oldest number goes first', () => {
  const counter = countingParse();
  const cache = createPhoneClassCache(3, counter.parse);
  const phones = ['+33611111111', '+33622222222', '+33633333333', '+33644444444'];
  for (const p of phones) cache.classOf(p);
  assert.equal(cache.size, 3);
  cache.classOf('+33644444444');
  assert.equal(counter.calls(), 4, 'the newest is still cached');
  cache.classOf('+33611111111');
  assert.equal(counter.calls(), 5, 'the oldest was evicted and is parsed again');
  assert.equal(cache.size, 3);
  assert.throws(() => createPhoneClassCache(0), /limit must be a positive integer/);
});
