import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listPhones, listRows, seedPhone, writeCsv } from '../services/market-fixture.ts';
import { runCliInMemory } from './run-cli-in-memory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'texto-market-cli-'));
const env = { TEXTO_DATA_DIR: dir };
after(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[]) {
  return runCliInMemory(argv, { env });
}

function leaked(text: string): string[] {
  return [...listPhones, seedPhone].filter((p) =>
    [p, `0${p.slice(3)}`, p.slice(1), p.slice(-8)].some((form) => text.includes(form)),
  );
}

const paris = JSON.stringify({ all: [{ field: 'department', in: ['75'] }] });

test('the marketplace from the command line: publish, browse, quote, rent, and the renter sees no number', async () => {
  const prov = await run([
    'workspace',
    'create',
    'Prov',
    '--provider',
    '--legal-name',
    'Prov SAS',
    '--json',
  ]);
  assert.equal(prov.code, 0, prov.out + prov.err);
  assert.equal(JSON.parse(prov.out).provider, true);
  const adv = await run([
    'workspace',
    'create',
    'Adv',
    '--legal-name',
    'Dupont Meubles SA',
    '--rights-mention',
    'dup.fr/rgpd',
    '--json',
  ]);
  assert.equal(adv.code, 0);
  assert.deepEqual(
    [
      JSON.parse(adv.out).legalName,
      JSON.parse(adv.out).rightsMention,
      JSON.parse(adv.out).provider,
    ],
    ['Dupont Meubles SA', 'dup.fr/rgpd', false],
  );
  const twice = await run(['workspace', 'create', 'Adv', '--json']);
  assert.equal(twice.code, 1, 'an existing name is refused');

  const rows = listRows();
  const refusedFile = writeCsv('refused.csv', [rows[0]!, rows[1]!.replace(',true,', ',false,')]);
  const refused = await run([
    'lists',
    'import',
    refusedFile,
    '--workspace',
    'Prov',
    '--name',
    'R',
    '--rental-cpm',
    '80',
    '--json',
  ]);
  assert.equal(refused.code, 1, 'a list without partner consent is refused');
  assert.equal(JSON.parse(refused.out).reason, 'missing_partner_consent');
  assert.match(JSON.parse(refused.out).message, /line 3/);

  const file = writeCsv('cli-list.csv', rows);
  const imported = await run([
    'lists',
    'import',
    file,
    '--workspace',
    'Prov',
    '--name',
    'Paris',
    '--rental-cpm',
    '80',
    '--purchase-cpm',
    '250',
    '--seeds',
    seedPhone,
    '--partners',
    'Dupont Meubles SA,Martin & Cie',
    '--json',
  ]);
  assert.equal(imported.code, 0, imported.out + imported.err);
  const listId = JSON.parse(imported.out).list.id as string;

  const renter: string[] = [];
  const catalogue = await run(['market', 'catalogue', '--workspace', 'Adv', '--json']);
  assert.equal(catalogue.code, 0);
  assert.deepEqual(
    JSON.parse(catalogue.out).lists.map((l: { id: string; contacts: number }) => [
      l.id,
      l.contacts,
    ]),
    [[listId, 6]],
  );
  renter.push(catalogue.out);

  const quote = await run([
    'market',
    'quote',
    '--workspace',
    'Adv',
    '--list',
    listId,
    '--filter',
    paris,
    '--json',
  ]);
  assert.equal(quote.code, 0, quote.out + quote.err);
  const q = JSON.parse(quote.out);
  assert.deepEqual([q.count, q.duplicates, q.net, q.rental, q.purchase], [5, 0, 5, 0.4, 1.25]);
  renter.push(quote.out);

  const order = await run([
    'market',
    'order',
    '--workspace',
    'Adv',
    '--list',
    listId,
    '--filter',
    paris,
    '--type',
    'rental',
    '--json',
  ]);
  assert.equal(order.code, 0, order.out + order.err);
  const licence = JSON.parse(order.out);
  assert.deepEqual(
    [licence.type, licence.contacts, licence.state, licence.campaignsAllowed],
    ['rental', 5, 'active', 1],
  );
  renter.push(order.out);

  const held = await run(['licences', '--workspace', 'Adv', '--json']);
  assert.equal(held.code, 0);
  assert.equal(JSON.parse(held.out).licences[0].id, licence.id);
  renter.push(held.out);

  for (const argv of [
    ['contacts', 'export', '--workspace', 'Adv'],
    ['contacts', 'count', '--workspace', 'Adv', '--json'],
    [
      'audience',
      'count',
      '--workspace',
      'Adv',
      '--filter',
      '{"all":[]}',
      '--sample',
      '100',
      '--json',
    ],
    [
      'audience',
      'count',
      '--workspace',
      'Adv',
      '--filter',
      '{"field":"source","prefix":"list:"}',
      '--json',
    ],
    [
      'market',
      'order',
      '--workspace',
      'Adv',
      '--list',
      listId,
      '--filter',
      '{"field":"phone","eq":"x"}',
      '--type',
      'rental',
      '--json',
    ],
  ]) {
    const r = await run(argv);
    renter.push(r.out, r.err);
  }
  const show = await run(['contacts', 'show', '+33612345601', '--workspace', 'Adv', '--json']);
  assert.notEqual(show.code, 0, 'a rented number is not in the renter file');
  assert.deepEqual(leaked(renter.join('\n')), [], 'no output of the renter shows a rented number');

  const usage = await run(['lists', 'usage', '--workspace', 'Prov', '--json']);
  assert.equal(usage.code, 0);
  const u = JSON.parse(usage.out).lists[0];
  assert.deepEqual([u.quotes, u.orders.length, u.rentals.length], [1, 1, 1]);
});

test('market commands: bad usage exits 2, refusals exit 1', async () => {
  const cases: Array<[string[], number]> = [
    [['market', 'quote', '--workspace', 'Adv', '--filter', '{}', '--json'], 2],
    [
      ['market', 'quote', '--workspace', 'Adv', '--list', 'lst_nope', '--filter', '{}', '--json'],
      2,
    ],
    [
      [
        'market',
        'order',
        '--workspace',
        'Adv',
        '--list',
        'lst_nope',
        '--filter',
        '{}',
        '--type',
        'lease',
        '--json',
      ],
      2,
    ],
    [['market', 'catalogue', '--json'], 2],
    [['licences', '--workspace', 'Nobody', '--json'], 2],
    [
      [
        'lists',
        'import',
        '/nonexistent.csv',
        '--workspace',
        'Prov',
        '--name',
        'x',
        '--rental-cpm',
        '1',
        '--json',
      ],
      2,
    ],
    [
      [
        'lists',
        'import',
        '/nonexistent.csv',
        '--workspace',
        'Prov',
        '--name',
        'x',
        '--rental-cpm',
        'cheap',
        '--json',
      ],
      2,
    ],
  ];
  for (const [argv, code] of cases) {
    const r = await run(argv);
    assert.equal(r.code, code, `${argv.join(' ')} -> ${r.out}${r.err}`);
    assert.ok(JSON.parse(r.out).error.message, argv.join(' '));
  }
});

test('bin/texto.js runs the marketplace commands', () => {
  const r = spawnSync(
    process.execPath,
    ['bin/texto.js', 'licences', '--workspace', 'Adv', '--json'],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).licences.length, 1);
});
