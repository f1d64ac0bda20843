import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { checkMessage } from './message.ts';

const text = 'Dupont Meubles: -20% ce samedi ! STOP au 36180';

test('configuration gives the STOP code, the max parts and the deny list; requests override', () => {
  const config = loadConfig({
    TEXTO_STOP_CODE: '36180',
    TEXTO_MAX_PARTS: '2',
    TEXTO_SENDER_DENYLIST: 'dupont, acme',
  });
  const r = checkMessage(config, { text, sender: 'ALERTE' });
  assert.deepEqual(r.violations, []);
  assert.equal(r.ok, true);
  const denied = checkMessage(config, { text, sender: 'Dupont' });
  assert.deepEqual(
    denied.violations.map((v) => v.rule),
    ['FR-SND-03'],
  );
  const otherCode = checkMessage(config, { text, stopCode: '36111' });
  assert.deepEqual(
    otherCode.violations.map((v) => [v.rule, v.severity]),
    [['FR-MSG-02', 'block']],
  );
  const long = `${'a'.repeat(200)} STOP au 36180`;
  assert.equal(checkMessage(config, { text: long }).ok, true);
  assert.equal(checkMessage(config, { text: long, maxParts: 1 }).ok, false);
});

test('zero configuration: promotional, 1 part, default deny list, no STOP code (warn)', () => {
  const r = checkMessage(loadConfig({}), { text, sender: 'PROMO' });
  assert.deepEqual(
    r.violations.map((v) => [v.rule, v.severity]),
    [
      ['FR-MSG-02', 'warn'],
      ['FR-SND-03', 'block'],
    ],
  );
  assert.equal(
    checkMessage(loadConfig({}), { text: 'Colis livré', purpose: 'transactional' }).ok,
    true,
  );
});

test('bad requests name the field', () => {
  const config = loadConfig({});
  const cases: Array<[unknown, RegExp]> = [
    [{}, /text: is required/],
    [{ text: 12 }, /text: must be a string/],
    [{ text, stopCode: '3618' }, /stopCode: must be a 5-digit short code/],
    [{ text, stopCode: '46180' }, /stopCode: must be a 5-digit short code/],
    [{ text, purpose: 'promo' }, /purpose: must be promotional or transactional/],
    [{ text, maxParts: 0 }, /maxParts: must be a whole number from 1 to 10/],
    [{ text, maxParts: 11 }, /maxParts: must be a whole number from 1 to 10/],
    [{ text, maxParts: 1.5 }, /maxParts: must be a whole number/],
    [{ text, transliterate: 'yes' }, /transliterate: must be true or false/],
    [{ text, stopcode: '36180' }, /unknown field\(s\) stopcode/],
    [{ text: '' }, /le texte est vide/],
    ['just a string', /input: /],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => checkMessage(config, input),
      { code: 'invalid_input', message },
      JSON.stringify(input),
    );
  }
  assert.throws(() => checkMessage(config, { text, maxParts: 0 }, (f) => `--${f}`), {
    message: /--maxParts: must be/,
  });
});
