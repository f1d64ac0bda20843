import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCliInMemory } from './run-cli-in-memory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'texto-cli-contacts-'));
const env = { TEXTO_DATA_DIR: join(dir, 'data') };

function run(argv: string[]) {
  return runCliInMemory(argv, { env });
}
const json = (r: { out: string }) => JSON.parse(r.out);

const csv = join(dir, 'contacts.csv');
writeFileSync(
  csv,
  [
    'phone,first_name,last_name,postal_code,birth_year,gender,children,profession,income,housing,transport,interests,custom_vip,consent_basis,consent_mechanism,consent_wording,consent_collected_at,consent_source,consent_form_url,consent_ip,consent_prechecked,consent_partner,consent_partner_list_url,consent_partner_list_version',
    '0612345678,Jean,Dupont,75011,1980,M,2,3,30-45k,flat_tenant,car|bicycle,sport|cuisine,oui,opt_in,unticked_checkbox,J’accepte,2025-03-01T10:00:00Z,first_party,https://d.example/f,203.0.113.9,false,false,,',
    '0698765432,Ann,Lee,01400,,F,,,,,,,non,opt_in,double_opt_in,Oui,2025-05-01,list_provider,,,false,true,https://lists.example/l1,v3',
    '0744556677,Bad,Row,750,,,,,,,,,,opt_in,keyword,STOP,2025-05-01,,,,false,false,,',
    '',
  ].join('\n'),
);

test('contacts import → count, show, consent proof, export, suppress (issue 4 Contract)', async () => {
  const migrate = await run(['db', 'migrate', '--json']);
  assert.equal(migrate.code, 0, migrate.out + migrate.err);
  assert.deepEqual(json(await run(['db', 'migrate', '--json'])).applied, []);

  const imported = await run(['contacts', 'import', csv, '--json']);
  assert.equal(imported.code, 0, imported.out + imported.err);
  const summary = json(imported);
  for (const key of [
    'rows',
    'imported',
    'updated',
    'rejected',
    'rejectedByReason',
    'rejectsFile',
    'durationMs',
  ]) {
    assert.ok(key in summary, key);
  }
  assert.deepEqual([summary.rows, summary.imported, summary.rejected], [3, 2, 1]);
  assert.deepEqual(summary.rejectedByReason, { 'invalid-postal-code': 1 });
  assert.equal(summary.rejectsFile, `${csv}.rejects.csv`);
  assert.match(readFileSync(summary.rejectsFile, 'utf8'), /,4,invalid-postal-code\n$/);

  // Read by a person, the summary says which workspace the contacts went into.
  const again = await run(['contacts', 'import', csv]);
  assert.match(again.out, /^3 rows into workspace default: 0 imported, 0 updated, 2 unchanged/);
  assert.deepEqual(json(await run(['contacts', 'count', '--json'])), { count: 2 });
  const shown = json(await run(['contacts', 'show', '06 12 34 56 78', '--json']));
  assert.deepEqual(
    [shown.phone, shown.gender, shown.birthYear, shown.profession, shown.income, shown.housing],
    ['+33612345678', 'M', 1980, '3', '30k-45k', 'flat_tenant'],
  );
  assert.deepEqual([shown.transport, shown.custom], [['bicycle', 'car'], { vip: 'oui' }]);
  const listed = json(await run(['contacts', 'show', '0698765432', '--json']));
  assert.equal(listed.source, 'list:https://lists.example/l1@v3');

  const proof = await run(['consent', 'proof', '0612345678', '--json']);
  assert.equal(proof.code, 0);
  assert.equal(json(proof).chainValid, true);
  assert.equal(json(proof).events[0].ip, '203.0.113.9');

  const out = join(dir, 'export.csv');
  assert.deepEqual(json(await run(['contacts', 'export', '--out', out, '--json'])), {
    exported: 2,
    out,
  });
  const exported = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(exported.length, 3);
  assert.match(exported[1]!, /^\+33612345678,Jean,Dupont,75011,75056,Paris,75,11,/);

  const add = await run(['suppress', 'add', '0612345678', '--reason', 'stop', '--json']);
  assert.equal(add.code, 0, add.out);
  assert.equal(json(await run(['suppress', 'list', '--json'])).count, 1);
  const remove = await run(['suppress', 'remove', '0612345678', '--json']);
  assert.equal(remove.code, 1, 'a STOP is lifted only by a new opt-in');
  assert.equal(json(await run(['contacts', 'show', '0612345678', '--json'])).messageable, false);

  const other = await run(['contacts', 'count', '--workspace', 'nope', '--json']);
  assert.equal(other.code, 2);
});

test('an opt-out file is refused: exit 1, nothing written', async () => {
  const file = join(dir, 'optout.csv');
  writeFileSync(file, 'phone,first_name\n0655555555,Opt\n');
  const before = json(await run(['contacts', 'count', '--json'])).count;
  const r = await run([
    'contacts',
    'import',
    file,
    '--consent-mechanism',
    'opt_out_passive',
    '--json',
  ]);
  assert.equal(r.code, 1);
  assert.equal(json(r).error.code, 'refused');
  assert.equal(json(await run(['contacts', 'count', '--json'])).count, before);
  const usage = await run(['contacts', 'import', join(dir, 'missing.csv'), '--json']);
  assert.equal(usage.code, 2);
});

test('bin/texto.js runs contacts import end to end', () => {
  const data = join(dir, 'spawned');
  const file = join(dir, 'spawn.csv');
  writeFileSync(file, 'téléphone;prénom\n06 00 00 00 01;Zoé\n');
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'bin/texto.js'),
      'contacts',
      'import',
      file,
      '--consent-basis',
      'opt_in',
      '--consent-mechanism',
      'signed_form',
      '--consent-wording',
      'Signé',
      '--consent-collected-at',
      '2025-09-01',
      '--json',
    ],
    { env: { ...process.env, TEXTO_DATA_DIR: data }, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.equal(JSON.parse(r.stdout).imported, 1);
});
