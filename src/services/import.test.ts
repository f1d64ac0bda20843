import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { proveConsent } from './consent.ts';
import { countWorkspaceContacts, exportContacts, showContact } from './contacts.ts';
import { type ImportOptions, importContacts } from './import.ts';
import { findSuppression, suppressNumber } from './suppression.ts';
import { createWorkspace } from './workspaces.ts';

const now = new Date('2026-11-28T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'texto-import-'));
let n = 0;
function file(text: string | Buffer): string {
  n += 1;
  const path = join(dir, `f${n}.csv`);
  writeFileSync(path, text);
  return path;
}
const consent = 'opt_in,unticked_checkbox,"J\'accepte les SMS de Dupont",2025-03-01T10:00:00Z';
const head =
  'phone,first_name,last_name,postal_code,birth_date,gender,interests,consent_basis,consent_mechanism,consent_wording,consent_collected_at';

async function run(store: Store, path: string, extra: Partial<ImportOptions> = {}) {
  return importContacts(store, { file: path, workspaceId: 'default', now, ...extra });
}
async function ok(store: Store, path: string, extra: Partial<ImportOptions> = {}) {
  const outcome = await run(store, path, extra);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const s = outcome.summary;
  // No row is ever lost: every data row is counted exactly once.
  assert.equal(
    s.rows,
    s.imported + s.updated + s.unchanged + s.duplicates + s.rejected,
    JSON.stringify(s),
  );
  return s;
}
function rejectsOf(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split('\n');
}

forEachDatabase(
  'import: good, bad and duplicate rows; rejects file complete; re-import idempotent',
  async (store) => {
    const path = file(
      [
        head,
        `06 12 34 56 78,Jean,Dupont,75011,1980-05-12,M,sport|cuisine,${consent}`,
        `0692123456,Marie,Payet,97400,1990-01-02,F,plage,${consent}`,
        `0145678901,Fixe,Line,75001,,,,${consent}`,
        `+33612345678,Jean,Dupont,75011,,,sport|cuisine,${consent}`,
        `not a number,X,Y,,,,,${consent}`,
        `0698765432,Bad,Date,75011,1980-13-45,F,,${consent}`,
        `0611111111,Only,Two`,
        `0622222222,Bad,Gender,75011,,Q,,${consent}`,
      ].join('\n'),
    );
    const s = await ok(store, path);
    assert.deepEqual([s.rows, s.imported, s.updated, s.duplicates, s.rejected], [8, 2, 0, 1, 5]);
    assert.deepEqual(s.rejectedByReason, {
      'not-mobile': 1,
      'invalid-number': 1,
      'invalid-birth-date': 1,
      'ragged-row': 1,
      'invalid-gender': 1,
    });
    const rejects = rejectsOf(s.rejectsFile);
    assert.equal(rejects[0], `${head},line,reason`);
    assert.equal(rejects.length, 1 + s.rejected);
    assert.deepEqual(
      rejects.slice(1).map((l) => l.split(',').slice(-2).join(',')),
      [
        '4,not-mobile',
        '6,invalid-number',
        '7,invalid-birth-date',
        '8,ragged-row',
        '9,invalid-gender',
      ],
    );
    const jean = await showContact(store, 'default', '0612345678', now);
    assert.equal(jean.department, '75');
    assert.equal(jean.region, '11');
    assert.deepEqual(jean.interests, ['cuisine', 'sport']);
    assert.equal(jean.consent.status, 'granted');
    assert.equal(jean.consent.validUntil, '2028-03-01T10:00:00.000Z');
    const marie = await showContact(store, 'default', '+262692123456', now);
    assert.equal(marie.territory, 'RE');
    assert.equal(marie.department, '974');
    assert.equal((await proveConsent(store, 'default', '0612345678')).events.length, 1);

    const again = await ok(store, path);
    assert.deepEqual(
      [again.imported, again.updated, again.unchanged, again.consentEvents],
      [0, 0, 2, 0],
    );
    assert.equal(await countWorkspaceContacts(store, 'default'), 2);
    const events = await store.db
      .selectFrom('consent_events')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(events.n), 2);

    const changed = await ok(store, file(`${head}\n0612345678,Jean-Marc,,,,,,${consent}\n`));
    assert.deepEqual([changed.imported, changed.updated, changed.consentEvents], [0, 1, 0]);
    assert.equal((await showContact(store, 'default', '0612345678', now)).firstName, 'Jean-Marc');
    assert.equal((await showContact(store, 'default', '0612345678', now)).lastName, 'Dupont');
  },
);

forEachDatabase(
  'import: an opt-out file or missing consent evidence is refused whole',
  async (store) => {
    const cases: Array<[string, string, Partial<ImportOptions>, string]> = [
      [
        'one opt_out_passive row',
        `${head}\n0612345678,A,B,,,,,${consent}\n0612345679,A,B,,,,,opt_in,opt_out_passive,x,2025-01-01\n`,
        {},
        'opt_out_source',
      ],
      [
        'whole file declared opt-out',
        `phone\n0612345678\n`,
        { consentDefaults: { consent_mechanism: 'opt_out_active' } },
        'opt_out_source',
      ],
      [
        'pre-ticked box (FR-CONS-02)',
        `${head},consent_prechecked\n0612345678,A,B,,,,,${consent},true\n`,
        {},
        'opt_out_source',
      ],
      [
        'no consent columns at all',
        `phone,first_name\n0612345678,A\n`,
        {},
        'missing_consent_evidence',
      ],
      [
        'opt-in without wording',
        `phone,consent_basis,consent_mechanism,consent_collected_at\n0612345678,opt_in,unticked_checkbox,2025-01-01\n`,
        {},
        'missing_consent_evidence',
      ],
      [
        'list source without list version (LIST-01)',
        `phone,consent_partner,consent_partner_list_url\n0612345678,true,https://l.example/1\n`,
        {
          consentDefaults: {
            consent_basis: 'opt_in',
            consent_mechanism: 'unticked_checkbox',
            consent_wording: 'w',
            consent_collected_at: '2025-01-01',
          },
        },
        'missing_consent_evidence',
      ],
    ];
    for (const [name, text, extra, reason] of cases) {
      const path = file(text);
      const outcome = await run(store, path, extra);
      assert.equal(outcome.ok, false, name);
      assert.equal(!outcome.ok && outcome.reason, reason, name);
      assert.equal(await countWorkspaceContacts(store, 'default'), 0, `${name}: nothing written`);
    }
    const byOption = await ok(store, file('phone\n0612345678\n'), {
      consentDefaults: {
        consent_basis: 'opt_in',
        consent_mechanism: 'double_opt_in',
        consent_wording: 'Oui',
        consent_collected_at: '2025-06-01',
      },
    });
    assert.equal(byOption.imported, 1);
  },
);

forEachDatabase(
  'import: Windows-1252, semicolons and French headers; broken CSV loses no row',
  async (store) => {
    const latin = iconv.encode(
      `Téléphone;Prénom;Nom;Code postal;Civilité;Centres d'intérêt\r\n0612345678;Hélène;Lefèvre;13001;Mme;cinéma|vélo\r\n`,
      'win1252',
    );
    const defaults = {
      consent_basis: 'opt_in',
      consent_mechanism: 'signed_form',
      consent_wording: 'Signé',
      consent_collected_at: '2025-06-01',
    };
    const s = await ok(store, file(latin), { consentDefaults: defaults });
    assert.deepEqual([s.encoding, s.delimiter, s.imported], ['windows-1252', ';', 1]);
    const helene = await showContact(store, 'default', '0612345678', now);
    assert.deepEqual(
      [helene.firstName, helene.lastName, helene.gender, helene.department],
      ['Hélène', 'Lefèvre', 'F', '13'],
    );
    assert.deepEqual(helene.interests, ['cinéma', 'vélo']);

    const broken = file(
      `phone,first_name\n0611111111,"Ann\n0622222222,Bob\n0633333333,"Unclosed\n`,
    );
    const b = await ok(store, broken, { consentDefaults: defaults });
    assert.equal(b.rows, 3);
    assert.equal(b.rejected + b.imported, 3);
    assert.deepEqual(b.rejectedByReason, { 'malformed-quote': 1, 'unclosed-quote': 1 });
    assert.deepEqual(
      rejectsOf(b.rejectsFile).map((l) => l.split(',').slice(-2).join(',')),
      ['line,reason', '2,malformed-quote', '4,unclosed-quote'],
    );
  },
);

forEachDatabase("workspace scoping: B sees none of A's contacts", async (store) => {
  const b = await createWorkspace(store, { name: 'agency-b' }, now);
  await ok(store, file(`${head}\n0612345678,A,B,,,,,${consent}\n`));
  assert.equal(await countWorkspaceContacts(store, 'default'), 1);
  assert.equal(await countWorkspaceContacts(store, b.id), 0);
  await assert.rejects(showContact(store, b.id, '0612345678', now), /no contact/);
  const inB = await ok(store, file(`${head}\n0612345678,A,B,,,,,${consent}\n`), {
    workspaceId: b.id,
  });
  assert.equal(inB.imported, 1, 'the same number is a new contact in another workspace');
});

forEachDatabase(
  'import and suppression: an older opt-in stays suppressed, a newer one lifts it (OPT-01)',
  async (store) => {
    await suppressNumber(
      store,
      'default',
      '0612345678',
      { reason: 'stop', origin: 'mo' },
      new Date('2026-06-01T00:00:00Z'),
    );
    await suppressNumber(
      store,
      'default',
      '0698765432',
      { reason: 'stop', origin: 'mo' },
      new Date('2026-06-01T00:00:00Z'),
    );
    const s = await ok(
      store,
      file(
        `phone,consent_collected_at\n0612345678,2025-03-01T10:00:00Z\n0698765432,2026-07-01T10:00:00Z\n`,
      ),
      {
        consentDefaults: {
          consent_basis: 'opt_in',
          consent_mechanism: 'keyword',
          consent_wording: 'START',
        },
      },
    );
    assert.deepEqual([s.imported, s.suppressed, s.liftedSuppressions], [2, 1, 1]);
    assert.ok(await findSuppression(store, 'default', '+33612345678'));
    assert.equal(await findSuppression(store, 'default', '+33698765432'), undefined);
  },
);

forEachDatabase(
  'import: Windows-1252 bytes after the first megabyte switch the whole file',
  async (store) => {
    const pad = 'x'.repeat(500);
    const lines = Array.from({ length: 2200 }, (_, i) => `06${String(10_000_000 + i)},${pad}`);
    const text = Buffer.concat([
      Buffer.from(`phone,custom_note\n${lines.join('\n')}\n`),
      iconv.encode('0699999999,Thérèse\n', 'win1252'),
    ]);
    const s = await ok(store, file(text), {
      consentDefaults: {
        consent_basis: 'opt_in',
        consent_mechanism: 'signed_form',
        consent_wording: 'Signé',
        consent_collected_at: '2025-06-01',
      },
    });
    assert.deepEqual([s.encoding, s.imported], ['windows-1252', 2201]);
    assert.deepEqual((await showContact(store, 'default', '0699999999', now)).custom, {
      note: 'Thérèse',
    });
  },
);

forEachDatabase(
  'import: UTF-8 characters of 2, 3 and 4 bytes cut by a read chunk arrive whole; a BOM is dropped',
  async (store) => {
    // Rows of uneven length over several 64 kB chunks: many chunk ends fall inside a character.
    const note = (i: number) => `Zoé€😀€😀${'é'.repeat(i % 7)}${i}`;
    const lines = Array.from({ length: 12_000 }, (_, i) => `06${10_000_000 + i},${note(i)}`);
    const s = await ok(store, file(`\uFEFFphone,custom_note\n${lines.join('\n')}\n`), {
      consentDefaults: {
        consent_basis: 'opt_in',
        consent_mechanism: 'signed_form',
        consent_wording: 'Signé',
        consent_collected_at: '2025-06-01',
      },
    });
    assert.deepEqual([s.encoding, s.imported, s.rejected], ['utf-8', 12_000, 0]);
    const notes = await store.db
      .selectFrom('contacts')
      .select(['phone', 'custom'])
      .where('workspace_id', '=', 'default')
      .execute();
    const wrong = notes.filter((c) => {
      const i = Number(c.phone.slice(-8)) - 10_000_000;
      return JSON.parse(c.custom ?? '{}').note !== note(i);
    });
    assert.deepEqual(wrong, []);
  },
);

forEachDatabase(
  'import: an unknown workspace is refused before anything is written',
  async (store) => {
    const path = file(`${head}\n0612345678,Léa,Martin,75011,1990-01-02,F,,${consent}\n`);
    await assert.rejects(run(store, path, { workspaceId: 'no-such-workspace' }), /not found/);
    assert.equal((await store.db.selectFrom('contacts').select('id').execute()).length, 0);
    assert.equal((await store.db.selectFrom('consent_evidence').select('id').execute()).length, 0);
  },
);

forEachDatabase(
  'import: a number on two rows far apart in one batch is one contact with both events',
  async (store) => {
    // Rows i and i + k: stored in different chunks of the same batch (k over a chunk).
    const k = (await store.bulk(async (session) => session.chunkRows)) + 50;
    const line = (i: number, day: string) =>
      `06${10_000_000 + (i % k)},Léa,Martin,75011,1990-01-02,F,,opt_in,unticked_checkbox,"J'accepte",${day}T10:00:00Z`;
    const lines = Array.from({ length: 2 * k }, (_, i) =>
      line(i, i < k ? '2025-03-01' : '2025-04-01'),
    );
    const s = await ok(store, file(`${head}\n${lines.join('\n')}\n`), {
      readerThread: true,
      batchSize: 2 * k,
    });
    assert.deepEqual([s.imported, s.duplicates, s.consentEvents, s.rejected], [k, k, 2 * k, 0]);
    const proof = await proveConsent(store, 'default', `06${10_000_000 + k - 1}`);
    assert.deepEqual([proof.events.length, proof.chainValid], [2, true]);
    assert.equal(await countWorkspaceContacts(store, 'default'), k);
  },
);

forEachDatabase(
  'a STOP entered by hand withdraws consent; the export shows it; its re-import is refused',
  async (store) => {
    await ok(
      store,
      file(
        [
          head,
          `0612345678,Jean,Dupont,75011,,,,${consent}`,
          `0612345679,Zoé,Martin,75012,,,,${consent}`,
        ].join('\n'),
      ),
    );
    await suppressNumber(store, 'default', '0612345678', { reason: 'stop', origin: 'api' }, now);
    const proof = await proveConsent(store, 'default', '0612345678');
    assert.equal(proof.state.status, 'withdrawn', 'the ledger records the STOP');
    const lines: string[] = [];
    await exportContacts(store, 'default', (line) => {
      lines.push(line);
    });
    const header = lines[0]!.trim().split(',');
    const stopped = lines
      .find((l) => l.startsWith('+33612345678'))!
      .trim()
      .split(',');
    const at = (column: string) => stopped[header.indexOf(column)];
    assert.deepEqual([at('consent_status'), at('suppression')], ['withdrawn', 'stop']);
    // The file taken to another workspace with whole-file consent defaults: the opted-out
    // person is refused, the others come in.
    const other = await createWorkspace(store, { name: 'Autre' }, now);
    const again = await ok(store, file(lines.join('')), {
      workspaceId: other.id,
      consentDefaults: {
        consent_basis: 'opt_in',
        consent_mechanism: 'unticked_checkbox',
        consent_wording: "J'accepte",
      },
    });
    assert.deepEqual(again.rejectedByReason, { 'opted-out': 1 });
    assert.equal(again.imported, 1);
  },
);
