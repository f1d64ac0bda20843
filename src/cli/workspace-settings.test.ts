import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliInMemory } from './run-cli-in-memory.ts';

const dir = mkdtempSync(join(tmpdir(), 'texto-settings-cli-'));
const env = {
  TEXTO_DATA_DIR: dir,
  TEXTO_STOP_CODE: '36180',
  TEXTO_TRANSPORT: 'smpp://texto01:s3cr3t@smsc.example.fr:2775?tps=40',
};
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (argv: string[]) => runCliInMemory(argv, { env });

test('texto workspace settings: shows, changes, refuses with the field named', async () => {
  assert.equal((await run(['workspace', 'create', 'Adv', '--json'])).code, 0);
  const shown = await run(['workspace', 'settings', '--workspace', 'Adv', '--json']);
  assert.equal(shown.code, 0, shown.err);
  const before = JSON.parse(shown.out);
  assert.deepEqual([before.senders, before.effectiveStopCode], [[], '36180']);
  assert.equal(before.transport.tps, 40);
  assert.ok(!shown.out.includes('s3cr3t'));

  const changed = await run([
    ...['workspace', 'settings', '--workspace', 'Adv', '--sender', 'DUPONT', '--sender', 'MEUBLES'],
    ...['--default-sender', 'MEUBLES', '--stop-code', '36111', '--policy', 'charter', '--json'],
  ]);
  assert.equal(changed.code, 0, changed.err);
  const after = JSON.parse(changed.out);
  assert.deepEqual(
    [after.senders, after.defaultSender, after.stopCode, after.effectivePolicy],
    [['DUPONT', 'MEUBLES'], 'MEUBLES', '36111', 'charter'],
  );

  const refused = await run(['workspace', 'settings', '--workspace', 'Adv', '--stop-code', '06']);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /stopCode: « 06 »/);
  const cleared = await run(['workspace', 'settings', '--stop-code', 'none', '--no-senders']);
  assert.equal(cleared.code, 0, cleared.err);
  assert.match(cleared.out, /STOP code +36180 \(server\)/);
  assert.match(cleared.out, /senders +\(any valid sender\)/);
});

test('texto workspace settings: the list-rental mentions (LIST-03) and strict partners (LIST-01)', async () => {
  const created = await run(['workspace', 'create', 'Agence', '--json']);
  assert.equal(JSON.parse(created.out).strictPartners, true, 'LIST-01 blocks by default');
  const lenient = await run(['workspace', 'create', 'Souple', '--no-strict-partners', '--json']);
  assert.equal(JSON.parse(lenient.out).strictPartners, false);
  const set = await run([
    ...['workspace', 'settings', '--workspace', 'Agence'],
    ...['--rights-mention', 'dup.fr/rgpd', '--strict-partners', '--json'],
  ]);
  assert.equal(set.code, 0, set.err);
  const json = JSON.parse(set.out);
  assert.deepEqual([json.rightsMention, json.strictPartners], ['dup.fr/rgpd', true]);
  const cleared = await run([
    ...['workspace', 'settings', '--workspace', 'Agence'],
    ...['--rights-mention', 'none', '--no-strict-partners'],
  ]);
  assert.equal(cleared.code, 0, cleared.err);
  assert.match(cleared.out, /rights mention +\(none\)/);
  assert.match(cleared.out, /strict partners +no/);
  // A name typed in another case finds the one workspace it means; two alike need the id.
  const lower = await run(['workspace', 'settings', '--workspace', 'agence', '--json']);
  assert.equal(lower.code, 0, lower.err);
  assert.equal((await run(['workspace', 'create', 'AGENCE', '--json'])).code, 0);
  const ambiguous = await run(['workspace', 'settings', '--workspace', 'agence']);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.err, /could be 'Agence' \(ws_\w+\) or 'AGENCE' \(ws_\w+\): give its id/);
});
