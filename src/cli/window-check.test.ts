import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCliInMemory } from './run-cli-in-memory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(argv: string[], stdin = '') {
  return runCliInMemory(argv, { stdin });
}

test('--json verdict has the contract fields; exit 0 allowed, 1 refused', async () => {
  const ok = await run([
    'window',
    'check',
    '--to',
    '06 12 34 56 78',
    '--at',
    '2026-03-28T19:59:59+01:00',
    '--department',
    '75',
    '--json',
  ]);
  assert.equal(ok.code, 0);
  const o = JSON.parse(ok.out);
  assert.deepEqual(
    [
      o.allowed,
      o.reason,
      o.localTime,
      o.zones,
      o.territories,
      o.nextAllowedAt,
      o.windowEndsAt,
      o.holiday,
    ],
    [
      true,
      'ok',
      '2026-03-28T19:59:59+01:00',
      ['Europe/Paris'],
      ['FR'],
      '2026-03-28T18:59:59.000Z',
      '2026-03-28T19:00:00.000Z',
      undefined,
    ],
  );
  const refused = await run([
    'window',
    'check',
    '--to',
    '0612345678',
    '--at',
    '2026-04-03T10:00:00+02:00',
    '--json',
  ]);
  assert.equal(refused.code, 1);
  const r = JSON.parse(refused.out);
  assert.deepEqual(
    [r.allowed, r.reason, r.holiday, r.nextAllowedAt, 'windowEndsAt' in r],
    [false, 'holiday', 'Vendredi saint', '2026-04-04T06:00:00.000Z', false],
  );
  const paris = await run([
    'window',
    'check',
    '--to',
    '0612345678',
    '--at',
    '2026-04-03T10:00:00+02:00',
    '--postal-code',
    '75011',
    '--json',
  ]);
  assert.equal(paris.code, 0);
});

test('rules.md §10 in text mode: Réunion at Saturday 19:59 Paris time is refused', async () => {
  const r = await run([
    'window',
    'check',
    '--to',
    '0692 12 34 56',
    '--at',
    '2026-01-10T19:59:00+01:00',
  ]);
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /REFUSED: outside-hours: \+262692123456 \(RE, Indian\/Reunion\) at 2026-01-10T22:59:00\+04:00 local/,
  );
  assert.match(r.out, /Next allowed: 2026-01-12T04:00:00.000Z/);
});

test('policies: charter tolerates Sunday with a warning, custom looser than the charter is exit 2', async () => {
  const sunday = await run([
    'window',
    'check',
    '--to',
    '0612345678',
    '--at',
    '2026-06-14T21:29:59+02:00',
    '--policy',
    'charter',
    '--json',
  ]);
  assert.equal(sunday.code, 0);
  assert.deepEqual(JSON.parse(sunday.out).warnings, ['sunday-tolerated', 'outside-best-slots']);
  const custom = await run([
    'window',
    'check',
    '--to',
    '0612345678',
    '--at',
    '2026-06-15T08:30:00+02:00',
    '--policy',
    'custom:09:00-19:00,mon-fri',
    '--json',
  ]);
  assert.equal(custom.code, 1);
  assert.equal(JSON.parse(custom.out).nextAllowedAt, '2026-06-15T07:00:00.000Z');
});

test('bad input exits 2 with a clear message', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--to', 'hello', '--at', '2026-06-15T10:00:00Z'], /--to: 'hello' is not a phone number/],
    [
      ['--to', '0612345678', '--at', '2026-06-15T10:00:00'],
      /not an ISO 8601 instant with an offset/,
    ],
    [['--to', '0612345678', '--at', '2026-02-30T10:00:00Z'], /not a real date/],
    [['--to', '0612345678', '--at', '2026-02-03T25:00:00Z'], /not a valid time of day/],
    [
      ['--to', '0612345678', '--at', '2026-02-03T10:00:00Z', '--policy', 'night'],
      /unknown policy 'night'/,
    ],
    [
      ['--to', '0612345678', '--at', '2026-02-03T10:00:00Z', '--policy', 'custom:07:30-20:00'],
      /looser than the FR floor 08:00-21:30/,
    ],
    [
      [
        '--to',
        '0612345678',
        '--at',
        '2026-02-03T10:00:00Z',
        '--department',
        '75',
        '--postal-code',
        '75001',
      ],
      /not both/,
    ],
    [
      ['--to', '0612345678', '--at', '2026-02-03T10:00:00Z', '--postal-code', '7500'],
      /--postal-code: must be a 5-digit postal code/,
    ],
    [
      ['--to', '0612345678', '--at', '2026-02-03T10:00:00Z', '--department', 'XYZ'],
      /not a French département/,
    ],
    [
      ['--to', '+590690001234', '--at', '2026-02-03T10:00:00Z', '--territory', 'RE'],
      /not one of the number's territories/,
    ],
    [['--at', '2026-02-03T10:00:00Z'], /missing --to/],
  ];
  for (const [args, message] of cases) {
    const r = await run(['window', 'check', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
    const j = await run(['window', 'check', ...args, '--json']);
    assert.equal(JSON.parse(j.out).error.code, 'invalid_input', args.join(' '));
  }
});

test('--ndjson: one verdict a line, errors per line, options as defaults', async () => {
  const lines = [
    { to: '0612345678', at: '2026-04-03T10:00:00+02:00' },
    { to: '0612345678', at: '2026-04-03T10:00:00+02:00', postalCode: '75001' },
    { to: '+590690001234', at: '2026-10-09T10:00:00-04:00', territory: 'GP' },
    { to: '+269 321 23 45', at: '2026-10-09T10:00:00Z' },
  ];
  const r = await run(
    ['window', 'check', '--ndjson'],
    lines.map((l) => JSON.stringify(l)).join('\n'),
  );
  assert.equal(r.code, 1);
  const out = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    out.map((o) => o.reason),
    ['holiday', 'ok', 'ok', 'no-rule-pack'],
  );
  const charter = await run(
    ['window', 'check', '--ndjson', '--policy', 'charter'],
    `${JSON.stringify(lines[0])}\n`,
  );
  assert.equal(charter.code, 0);
  const bad = await run(['window', 'check', '--ndjson'], '{"to":"0612345678"}\nnot json\n');
  assert.equal(bad.code, 2);
  const errors = bad.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    errors.map((e) => [e.line, e.error.code]),
    [
      [1, 'invalid_input'],
      [2, 'invalid_input'],
    ],
  );
});

test('the installed bin runs window check end to end', () => {
  const r = spawnSync(
    process.execPath,
    [
      'bin/texto.js',
      'window',
      'check',
      '--to',
      '+508 55 12 34',
      '--at',
      '2026-11-01T11:00:00Z',
      '--policy',
      'charter',
      '--json',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.deepEqual(
    [o.localTime, o.holiday, o.warnings[0]],
    ['2026-11-01T08:00:00-03:00', 'Toussaint', 'holiday-tolerated'],
  );
});
