import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import { runCliInMemory } from './run-cli-in-memory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'texto-campaign-'));
// A PATH without converters: the PDF is skipped, and says so.
const env = { TEXTO_DATA_DIR: dir, TEXTO_STOP_CODE: '36180' };
const valid = '2099-01-01T00:00:00.000Z';
const start = '2026-12-07T08:00:00+01:00'; // a Monday, before the window opens
const good = 'Dupont: {firstName|Bonjour}, -20% ce samedi ! STOP au 36180';

before(async () => {
  const store = openStore({ dataDir: dir });
  await migrateStore(store, new Date('2026-11-28T00:00:00Z'));
  const contact = (phone: string, first_name: string | null, consent = 'granted') => ({
    workspace_id: 'default',
    list_id: null,
    phone,
    first_name,
    consent_status: consent as 'granted',
    consent_valid_until: valid,
    source: 'first_party',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  await store.db
    .insertInto('contacts')
    .values([
      contact('+33600000001', 'Zoé'),
      contact('+33600000002', null),
      contact('+262692123456', 'Noé'),
      contact('+33600000003', 'Marc', 'withdrawn'),
    ])
    .execute();
  await store.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[]) {
  return runCliInMemory(argv, { env });
}

async function create(text: string, extra: string[] = []): Promise<string> {
  const r = await run([
    'campaign',
    'create',
    '--name',
    'Soldes',
    '--sender',
    'DUPONT',
    '--text',
    text,
    '--audience',
    'tous',
    '--start',
    start,
    ...extra,
    '--json',
  ]);
  assert.equal(r.code, 0, r.out + r.err);
  const body = JSON.parse(r.out);
  assert.match(body.id, /^cmp_/);
  assert.equal(body.state, 'draft');
  return body.id;
}

test('campaign create → preflight → schedule refused → fixed → plan, schedule, show, cancel, certificate', async () => {
  const saved = await run(['audience', 'save', 'tous', '--filter', '{"all":[]}', '--json']);
  assert.equal(saved.code, 0, saved.out);

  const human = await run([
    'campaign',
    'create',
    '--name',
    'Vu',
    '--sender',
    'DUPONT',
    '--text',
    'Dupont: -20% ! STOP au 36180',
    '--audience',
    'tous',
  ]);
  assert.match(
    human.out,
    /^campaign cmp_\w+ created \(draft\) in workspace default: Vu\n/,
    human.err,
  );
  const bad = await create('Dupont: -20% ce samedi !');
  const pre = await run(['campaign', 'preflight', bad, '--json']);
  assert.equal(pre.code, 1, 'a blocking finding exits 1');
  const report = JSON.parse(pre.out);
  for (const key of ['ok', 'findings', 'recipients', 'message', 'plan', 'cost']) {
    assert.ok(key in report, `contract field ${key}`);
  }
  for (const key of ['encoding', 'parts', 'stop']) assert.ok(key in report.message, key);
  assert.equal(report.recipients.total, 4);
  assert.equal(report.recipients.eligible, 3);
  assert.equal(report.recipients.excluded['no-consent'], 1);
  assert.ok(report.findings.every((f: Record<string, unknown>) => 'layer' in f && 'count' in f));
  const refused = await run(['campaign', 'schedule', bad]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /FR-MSG-02/);

  const id = await create(good, ['--slots', 'best', '--tps', '5']);
  const ok = await run(['campaign', 'preflight', id, '--json']);
  assert.equal(ok.code, 0, ok.out);
  const plan = JSON.parse(ok.out).plan;
  assert.equal(plan.planned, 3);
  assert.ok(Object.keys(plan.perDay).length >= 1);

  const lines = await run(['campaign', 'plan', id, '--ndjson']);
  assert.equal(lines.code, 0, lines.err);
  const planned = lines.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(planned.length, 3);
  for (const p of planned) {
    assert.deepEqual(Object.keys(p).slice(0, 3), ['to', 'plannedAt', 'windowEndsAt']);
    assert.ok(Date.parse(p.plannedAt) < Date.parse(p.windowEndsAt));
  }
  // Best slots: 11:00 Paris for metropolitan numbers, 11:00 Réunion for +262.
  const paris = planned.find((p) => p.to === '+33600000001');
  assert.equal(paris.plannedAt, '2026-12-07T10:00:00.000Z');
  const reunion = planned.find((p) => p.to === '+262692123456');
  assert.equal(reunion.plannedAt, '2026-12-07T07:00:00.000Z');

  const scheduled = await run(['campaign', 'schedule', id, '--json']);
  assert.equal(scheduled.code, 0, scheduled.out + scheduled.err);
  assert.equal(JSON.parse(scheduled.out).messages, 3);
  const shown = JSON.parse((await run(['campaign', 'show', id, '--json'])).out);
  assert.equal(shown.state, 'scheduled');
  assert.deepEqual(shown.messages, { total: 3, planned: 3 });
  const stored = await run(['campaign', 'plan', id, '--ndjson']);
  assert.deepEqual(
    stored.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).plannedAt),
    planned.map((p) => p.plannedAt),
    'the stored rows are the plan',
  );

  const out = join(dir, 'certificate.html');
  const cert = await run(['campaign', 'certificate', id, '--out', out, '--json']);
  assert.equal(cert.code, 0, cert.out + cert.err);
  const body = JSON.parse(cert.out);
  assert.ok(existsSync(out));
  const certificate = readFileSync(out, 'utf8');
  assert.match(certificate, /Certificat de conformité/);
  assert.match(certificate, /espace default, default\./, 'the workspace by its name, then its id');
  assert.match(body.digest, /^[0-9a-f]{64}$/);
  assert.ok(body.pdf !== null || /PDF skipped/.test(body.pdfSkipped));

  const cancelled = await run(['campaign', 'cancel', id, '--json']);
  assert.equal(cancelled.code, 0);
  assert.equal(JSON.parse(cancelled.out).cancelledMessages, 3);
  assert.equal((await run(['campaign', 'cancel', id])).code, 1, 'already cancelled');
});

test('campaign commands refuse bad input with exit 2', async () => {
  const cases: string[][] = [
    ['campaign', 'create', '--name', 'x', '--sender', 'DUPONT', '--text', 't'],
    [
      'campaign',
      'create',
      '--name',
      'x',
      '--sender',
      'DUPONT',
      '--text',
      't',
      '--audience',
      'nope',
    ],
    [
      'campaign',
      'create',
      '--name',
      'x',
      '--sender',
      'D',
      '--text',
      't',
      '--audience',
      'tous',
      '--tps',
      '0',
    ],
    ['campaign', 'show', 'cmp_nope'],
    ['campaign', 'preflight'],
    ['campaign', 'certificate', 'cmp_nope'],
    ['campaign', 'show', 'x', '--workspace', 'nowhere'],
  ];
  for (const argv of cases) {
    const r = await run([...argv, '--json']);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.out}`);
    assert.ok(JSON.parse(r.out).error.message.length > 0);
  }
});

test('texto campaign show runs as a process (bin/texto.js)', () => {
  const r = spawnSync(
    process.execPath,
    ['bin/texto.js', 'campaign', 'show', 'cmp_nope', '--json'],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 2, r.stderr);
  assert.match(JSON.parse(r.stdout).error.message, /no campaign 'cmp_nope'/);
});
