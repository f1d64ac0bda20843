import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './main.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function run(
  argv: string[],
  stdin = '',
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const input = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  input.end(stdin);
  const code = await runCli(argv, { stdout, stderr, stdin: input, interactive: false }, env);
  return { code, out, err };
}

const dupont = 'Dupont Meubles: -20% sur tout le magasin ce samedi ! STOP au 36180';

test('--json prints one object with the contract fields; exit 0 when ok', async () => {
  const r = await run([
    'message',
    'check',
    '--sender',
    'DUPONT',
    '--stop-code',
    '36180',
    '--json',
    dupont,
  ]);
  assert.equal(r.code, 0);
  const o = JSON.parse(r.out);
  for (const field of [
    'text',
    'encoding',
    'units',
    'parts',
    'perPart',
    'nonGsm',
    'stop',
    'sender',
    'violations',
    'ok',
  ]) {
    assert.ok(field in o, `field ${field}`);
  }
  assert.deepEqual(
    [
      o.text,
      o.encoding,
      o.units,
      o.parts,
      o.perPart,
      o.nonGsm,
      o.stop,
      o.sender,
      o.violations,
      o.ok,
    ],
    [
      dupont,
      'GSM-7',
      66,
      1,
      160,
      [],
      { present: true, code: '36180' },
      { valid: true, kind: 'alphanumeric' },
      [],
      true,
    ],
  );
});

test('exit 1 with block violations; options map to the policy', async () => {
  const r = await run([
    'message',
    'check',
    '--json',
    '--sender',
    '0612345678',
    '--purpose',
    'promotional',
    'Fête des mères',
  ]);
  assert.equal(r.code, 1);
  const o = JSON.parse(r.out);
  assert.deepEqual(o.sender, { valid: false, kind: 'number', reason: o.sender.reason });
  assert.deepEqual(o.nonGsm, [{ char: 'ê', index: 1 }]);
  assert.deepEqual(
    o.violations.map((v: { rule: string; severity: string }) => `${v.rule}:${v.severity}`),
    ['FR-MSG-04:warn', 'FR-MSG-02:block', 'FR-SND-01:block'],
  );
  const transactional = await run([
    'message',
    'check',
    '--purpose',
    'transactional',
    'Votre colis arrive',
  ]);
  assert.equal(transactional.code, 0);
  const long = `${'a'.repeat(150)} STOP au 36180`;
  assert.equal((await run(['message', 'check', '--stop-code', '36180', long])).code, 1);
  assert.equal(
    (await run(['message', 'check', '--stop-code', '36180', '--max-parts', '2', long])).code,
    0,
  );
  const configured = await run(['message', 'check', '--json', long], '', {
    TEXTO_STOP_CODE: '36180',
    TEXTO_MAX_PARTS: '2',
  });
  assert.deepEqual([configured.code, JSON.parse(configured.out).violations], [0, []]);
});

test('--transliterate and --append-stop: before/after and the appended mention', async () => {
  const r = await run([
    'message',
    'check',
    '--json',
    '--transliterate',
    '--append-stop',
    '--stop-code',
    '36180',
    '« Fête » à Noël…',
  ]);
  assert.equal(r.code, 0);
  const o = JSON.parse(r.out);
  assert.deepEqual(
    [o.text, o.encoding, o.transliterated, o.before.encoding, o.before.text, o.appendedStop],
    ['"Fete" à Noel... STOP au 36180', 'GSM-7', true, 'UCS-2', '« Fête » à Noël…', true],
  );
});

test('a TEXT starting with "-" goes after --', async () => {
  const r = await run([
    'message',
    'check',
    '--json',
    '--stop-code',
    '36180',
    '--',
    '-20% ce samedi ! STOP au 36180',
  ]);
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.out).text, '-20% ce samedi ! STOP au 36180');
});

test('readable summary without --json', async () => {
  const r = await run(['message', 'check', '--sender', 'ALERTE', 'Fête ! STOP au 36180']);
  assert.equal(r.code, 1);
  assert.match(r.out, /UCS-2: 20 UCS-2 characters, 1 SMS \(70 per part\)/);
  assert.match(r.out, /"ê" at 1/);
  assert.match(r.out, /BLOCK FR-SND-03/);
  assert.match(r.out, /REFUSED/);
});

test('bad input and bad usage exit 2 with a clear error', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['message', 'check', '--json', ''], /le texte est vide/],
    [['message', 'check', '--json', 'a\ud83d'], /surrogate\) isolé/],
    [['message', 'check', '--json', 'a\tb'], /caractère de contrôle U\+0009/],
    [['message', 'check', '--json', 'a'.repeat(1531)], /11 SMS/],
    [['message', 'check', '--json', '--stop-code', '3618', 'x'], /--stop-code: must be a 5-digit/],
    [
      ['message', 'check', '--json', '--max-parts', 'two', 'x'],
      /--max-parts: must be a whole number/,
    ],
    [
      ['message', 'check', '--json', '--max-parts', '11', 'x'],
      /--max-parts: must be a whole number/,
    ],
    [['message', 'check', '--json', '--purpose', 'promo', 'x'], /--purpose: must be promotional/],
    [['message', 'check', '--json', '--append-stop', 'x'], /demande un numéro STOP/],
    [['message', 'check', '--json', '--colour', 'x'], /Unknown option '--colour'/],
    [['message', 'check', '--json'], /missing TEXT/],
    [['message', 'check', '--json', 'a', 'b'], /unexpected argument 'b'/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(JSON.parse(r.out).error.message, message, argv.join(' '));
  }
  const human = await run(['message', 'check', '']);
  assert.deepEqual([human.code, human.out], [2, '']);
  assert.match(human.err, /le texte est vide/);
});

test('--ndjson: one result a line in order, a bad line gives an error and the rest go on', async () => {
  const lines = [
    JSON.stringify({ text: 'Soldes ! STOP au 36180' }),
    'not json',
    JSON.stringify({ text: 'Colis livré', purpose: 'transactional', sender: 'DUPONT' }),
    JSON.stringify({ text: 'Soldes', stopCode: '999' }),
    '',
    JSON.stringify({ text: 'Fête', transliterate: true, appendStop: true }),
  ].join('\n');
  const r = await run(['message', 'check', '--ndjson', '--stop-code', '36180'], `${lines}\n`);
  const out = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(out.length, 5);
  assert.deepEqual([out[0].ok, out[0].stop.code], [true, '36180']);
  assert.deepEqual(out[1], {
    line: 2,
    error: { code: 'invalid_input', message: 'line 2: not valid JSON' },
  });
  assert.deepEqual([out[2].ok, out[2].sender.valid], [true, true]);
  assert.equal(out[3].line, 4);
  assert.match(out[3].error.message, /stopCode/);
  assert.equal(out[4].text, 'Fete STOP au 36180');
  assert.equal(r.code, 2);
  const refused = await run(
    ['message', 'check', '--ndjson'],
    '{"text":"a"}\n{"text":"b STOP au 36180"}\n',
  );
  assert.equal(refused.code, 1);
  const ok = await run(['message', 'check', '--ndjson'], '{"text":"b STOP au 36180"}\n');
  assert.equal(ok.code, 0);
  const both = await run(['message', 'check', '--ndjson', 'text'], '');
  assert.equal(both.code, 2);
});

test('node bin/texto.js message check: real process, exit codes and JSON', () => {
  const ok = spawnSync(
    process.execPath,
    ['bin/texto.js', 'message', 'check', '--stop-code', '36180', '--json', dupont],
    {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    },
  );
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).parts, 1);
  const refused = spawnSync(process.execPath, ['bin/texto.js', 'message', 'check', '--ndjson'], {
    cwd: root,
    encoding: 'utf8',
    input: '{"text":"Soldes"}\n',
    env: { PATH: process.env.PATH },
  });
  assert.equal(refused.status, 1, refused.stderr);
  assert.equal(JSON.parse(refused.stdout).violations[0].rule, 'FR-MSG-02');
});
