import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';
import { DomainError } from './core/domain-error.ts';

test('zero configuration runs the product', () => {
  const config = loadConfig({});
  assert.equal(config.dataDir, './data');
  assert.equal(config.port, 8080);
  assert.equal(config.transport, 'simulator');
  assert.equal(config.stopCode, undefined);
  assert.ok(Object.isFrozen(config));
});

test('values are parsed and ignored when not TEXTO_*', () => {
  const config = loadConfig({ TEXTO_PORT: '9000', TEXTO_STOP_CODE: '36180', PORT: 'x' });
  assert.equal(config.port, 9000);
  assert.equal(config.stopCode, '36180');
});

test('every problem is reported at once', () => {
  assert.throws(
    () => loadConfig({ TEXTO_PORT: 'eighty', TEXTO_STOP_CODE: '12', TEXTO_LOG_LEVEL: 'loud' }),
    (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'invalid_input');
      const problems = (error.details as { problems: string[] }).problems;
      assert.equal(problems.length, 3);
      assert.match(error.message, /TEXTO_PORT/);
      assert.match(error.message, /TEXTO_STOP_CODE/);
      assert.match(error.message, /TEXTO_LOG_LEVEL/);
      return true;
    },
  );
});

test('the deny list is a comma-separated list, upper-cased', () => {
  const config = loadConfig({ TEXTO_SENDER_DENYLIST: 'alerte, banque,,colis' });
  assert.deepEqual(config.senderDenylist, ['ALERTE', 'BANQUE', 'COLIS']);
});

test('TEXTO_DEMO turns the demo seed off; a TEXTO_* name that is not Texto’s is reported', () => {
  assert.equal(loadConfig({}).demo, true);
  assert.equal(loadConfig({ TEXTO_DEMO: 'off' }).demo, false);
  assert.throws(() => loadConfig({ TEXTO_DEMO: 'no' }), /TEXTO_DEMO: must be on or off/);
  const typo = loadConfig({
    TEXTO_TRANSPROT: 'smpp://a:b@h:2775',
    TEXTO_TEST_PG_URL: 'postgres://x',
    TEXTO_PORT: '9000',
  });
  assert.deepEqual(typo.unknownVariables, ['TEXTO_TRANSPROT']);
  assert.equal(typo.transport, 'simulator');
});
