import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import { runCliInMemory } from './run-cli-in-memory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'texto-audience-'));
const env = { TEXTO_DATA_DIR: dir };
const valid = '2099-01-01T00:00:00.000Z';

before(async () => {
  const store = openStore({ dataDir: dir });
  await migrateStore(store, new Date('2026-11-28T00:00:00Z'));
  const contact = (phone: string, department: string, gender: 'F' | 'M', birth_date: string) => ({
    workspace_id: 'default',
    list_id: null,
    phone,
    department,
    gender,
    birth_date,
    interests: '|sport|',
    consent_status: 'granted' as const,
    consent_valid_until: valid,
    source: 'first_party',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  await store.db
    .insertInto('contacts')
    .values([
      contact('+33600000001', '75', 'F', '1995-06-01'),
      contact('+33600000002', '92', 'F', '1998-06-01'),
      contact('+33600000003', '75', 'M', '1995-06-01'),
      contact('+33600000004', '75', 'F', '1960-06-01'),
      contact('+33600000005', '75', 'F', '1996-06-01'),
    ])
    .execute();
  await store.db
    .insertInto('suppressions')
    .values({
      workspace_id: 'default',
      phone: '+33600000005',
      reason: 'stop',
      origin: 'mo',
      created_at: '2026-02-01T00:00:00.000Z',
    })
    .execute();
  await store.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[]) {
  return runCliInMemory(argv, { env });
}

const example = JSON.stringify({
  all: [
    { field: 'department', in: ['75', '92'] },
    { field: 'age', between: [25, 34] },
    { field: 'gender', eq: 'F' },
    { field: 'interests', anyOf: ['sport', 'mode'] },
  ],
});

test('audience count --json gives the Contract fields', async () => {
  const r = await run([
    'audience',
    'count',
    '--filter',
    example,
    '--breakdown',
    'department,age',
    '--at',
    '2026-11-28',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const body = JSON.parse(r.out);
  assert.equal(body.reachable, 2);
  assert.deepEqual(body.excluded, { suppressed: 1, noConsent: 0, invalid: 0 });
  assert.deepEqual(body.breakdown, { department: { '75': 1, '92': 1 }, age: { '25-34': 2 } });
  assert.equal(typeof body.durationMs, 'number');
});

test('bad filters exit 2 naming the path', async () => {
  const cases: Array<[string[], RegExp]> = [
    [
      [
        '--filter',
        '{"all":[{"field":"gender","eq":"F"},{"field":"age","eq":3},{"field":"age","between":[9,1]}]}',
      ],
      /all\[2\]\.between/,
    ],
    [['--filter', '{"field":"shoeSize","eq":42}'], /field: unknown field 'shoeSize'/],
    [['--filter', '{"field":"gender","gte":"F"}'], /operator 'gte' does not apply/],
    [['--filter', '{nope'], /not valid JSON/],
    [['--filter', '{"field":"gender","eq":"F"}', '--breakdown', 'phone'], /breakdown: 'phone'/],
    [['--filter', '{"field":"gender","eq":"F"}', '--at', 'tomorrow'], /at: 'tomorrow'/],
    [[], /missing --filter/],
  ];
  for (const [args, pattern] of cases) {
    const r = await run(['audience', 'count', ...args, '--json']);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(JSON.parse(r.out).error.message, pattern);
  }
});

test('audience save, list, show and count --audience, with exclusion of a saved audience', async () => {
  const saved = await run([
    'audience',
    'save',
    'Paris',
    '--filter',
    '{"field":"department","eq":"75"}',
    '--json',
  ]);
  assert.equal(saved.code, 0, saved.err);
  assert.equal(JSON.parse(saved.out).created, true);
  const list = JSON.parse((await run(['audience', 'list', '--json'])).out);
  assert.deepEqual(
    list.audiences.map((a: { name: string }) => a.name),
    ['Paris'],
  );
  const shown = await run(['audience', 'show', 'Paris', '--count', '--json']);
  assert.equal(JSON.parse(shown.out).count.matched, 4);
  const outside = await run([
    'audience',
    'count',
    '--filter',
    '{"not":{"audience":"Paris"}}',
    '--json',
  ]);
  assert.equal(JSON.parse(outside.out).reachable, 1);
  const loop = await run(['audience', 'save', 'Loop', '--filter', '{"audience":"Loop"}', '--json']);
  assert.equal(loop.code, 2);
  assert.equal((await run(['audience', 'show', 'Nobody'])).code, 2);
});

test('bin/texto.js runs audience count', () => {
  const r = spawnSync(
    process.execPath,
    ['bin/texto.js', 'audience', 'count', '--filter', '{"field":"gender","eq":"M"}', '--json'],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).reachable, 1);
});
