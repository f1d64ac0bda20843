import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCliInMemory } from './run-cli-in-memory.ts';

function run(argv: string[], stdin = '') {
  return runCliInMemory(argv, { stdin });
}

test('number parse: contract fields, exit codes, --ndjson', async () => {
  const r = await run(['number', 'parse', '--json', '0692 12 34 56']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out), {
    input: '0692 12 34 56',
    e164: '+262692123456',
    valid: true,
    mobile: true,
    country: 'RE',
    territories: ['RE'],
    timeZones: ['Indian/Reunion'],
    rulePack: 'FR',
  });
  assert.equal((await run(['number', 'parse', '+269 321 23 45'])).code, 1);
  assert.equal((await run(['number', 'parse', '0145678901'])).code, 1);
  const unparsable = await run(['number', 'parse', 'hello']);
  assert.equal(unparsable.code, 2);
  assert.match(unparsable.err, /'hello' is not a phone number/);
  assert.equal((await run(['number', 'parse', '--region', 'XX', '0612345678'])).code, 2);
  const gb = await run(['number', 'parse', '--json', '--region', 'GB', '07400 123456']);
  assert.deepEqual(
    [gb.code, JSON.parse(gb.out).e164, JSON.parse(gb.out).reason],
    [1, '+447400123456', 'no-rule-pack'],
  );
  const nd = await run(
    ['number', 'parse', '--ndjson'],
    '{"number":"0690001234"}\n{"number":"0612345678","region":"FR"}\n"0639201234"\n{"num":1}\n',
  );
  assert.equal(nd.code, 2);
  const out = nd.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(out[0].territories, ['GP', 'BL', 'MF']);
  assert.equal(out[1].e164, '+33612345678');
  assert.equal(out[2].country, 'YT');
  assert.equal(out[3].error.code, 'invalid_input');
});
