import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { proveConsent } from './consent.ts';
import { countWorkspaceContacts } from './contacts.ts';
import { importContacts } from './import.ts';
import { createWorkspace } from './workspaces.ts';

/**
 * The reader thread (read-prepared-file.ts) and the in-process reader give the same import:
 * same summary, same contacts, chains that verify. Small batches so that duplicates fall in
 * the same batch and across batches; values carrying the transfer's separators.
 */
const now = new Date('2026-11-28T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'texto-import-thread-'));
const head =
  'phone,first_name,last_name,postal_code,birth_date,children,interests,consent_basis,consent_mechanism,consent_wording,consent_collected_at,consent_ip';
const consent = (day: number) =>
  `opt_in,unticked_checkbox,"J'accepte les SMS de Dupont",2025-03-${String(day).padStart(2, '0')}T10:00:00Z,203.0.113.${day}`;

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const lines = [
  head,
  `0612345678,Jean,Dupont,75011,1980-05-12,2,sport|cuisine,${consent(1)}`,
  `0692123456,Marie,Payet,97400,1990-01-02,,plage,${consent(2)}`,
  `+33612345678,,Dupont,75011,,3,,${consent(3)}`, // same number, same batch
  `0145678901,Fixe,Line,75001,,,,${consent(4)}`, // a landline: rejected
  `0633333333,"Zoé\u001fUS",Martin,,,,,${consent(5)}`, // separators in values
  `0644444444,"Rec\u001eRS",Gs\u001d,,,,,${consent(6)}`,
  `0692123456,Marie,Payet-Hoarau,97400,,,,${consent(7)}`, // same number, a later batch
  `0655555555,Stored,Before,69001,,1,,${consent(8)}`, // already in the workspace
  `0655555555,Stored,Again,69001,,1,,${consent(8)}`,
];
const text = `${lines.join('\n')}\n`;

async function contactsOf(store: Store, workspaceId: string) {
  const rows = await sql<Record<string, unknown>>`SELECT * FROM contacts
    WHERE workspace_id = ${workspaceId} ORDER BY phone`.execute(store.db);
  return rows.rows.map(({ id: _i, workspace_id: _w, created_at: _c, updated_at: _u, ...r }) => r);
}

async function eventsOf(store: Store, workspaceId: string) {
  const rows = await sql<Record<string, unknown>>`SELECT c.phone, e.seq, e.collected_at, e.ip
    FROM consent_events e JOIN contacts c ON c.id = e.contact_id
    WHERE c.workspace_id = ${workspaceId} ORDER BY c.phone, e.seq`.execute(store.db);
  return rows.rows;
}

forEachDatabase(
  'import on the reader thread gives what the in-process import gives',
  async (store) => {
    const threaded = await createWorkspace(store, { name: 'threaded' }, now);
    const inProcess = await createWorkspace(store, { name: 'in-process' }, now);
    const before = write('before.csv', `${head}\n0655555555,Stored,First,69001,,,,${consent(9)}\n`);
    const summaries = [];
    for (const [workspace, readerThread] of [
      [threaded.id, true],
      [inProcess.id, false],
    ] as const) {
      const seeded = await importContacts(store, { file: before, workspaceId: workspace, now });
      assert.ok(seeded.ok);
      const outcome = await importContacts(store, {
        file: write(`${workspace}.csv`, text),
        workspaceId: workspace,
        now,
        batchSize: 3,
        readerThread,
      });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      const { durationMs: _d, rejectsFile: _r, ...summary } = outcome.summary;
      summaries.push(summary);
    }
    assert.deepEqual(summaries[0], summaries[1]);
    assert.deepEqual(
      [summaries[0]!.rows, summaries[0]!.imported, summaries[0]!.updated, summaries[0]!.duplicates],
      [9, 4, 1, 3],
    );
    assert.deepEqual(await contactsOf(store, threaded.id), await contactsOf(store, inProcess.id));
    assert.deepEqual(await eventsOf(store, threaded.id), await eventsOf(store, inProcess.id));
    const contacts = await contactsOf(store, threaded.id);
    assert.ok(contacts.some((c) => c.first_name === 'Zoé\u001fUS'));
    assert.ok(contacts.some((c) => c.first_name === 'Rec\u001eRS' && c.last_name === 'Gs\u001d'));
    const jean = contacts.find((c) => c.phone === '+33612345678')!;
    assert.deepEqual(
      [jean.first_name, Number(jean.children), Number(jean.birth_year)],
      ['Jean', 3, 1980],
    );
    for (const number of ['0612345678', '0692123456', '0633333333', '0655555555']) {
      const proof = await proveConsent(store, threaded.id, number);
      assert.equal(proof.chainValid, true, number);
      assert.ok(proof.events.length >= 1);
    }
  },
);

forEachDatabase(
  'the reader thread: a refused file writes nothing; a late non-UTF-8 byte falls back',
  async (store) => {
    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `06${String(10_000_000 + i).padStart(8, '0')},Ann,Lee,75011,,,,${consent(1)}`,
    );
    const refused = write(
      'refused.csv',
      `${[head, ...rows.slice(0, 20_000), `0699999999,Opt,Out,,,,,opt_in,opt_out_active,x,2025-01-01,`].join('\n')}\n`,
    );
    const outcome = await importContacts(store, {
      file: refused,
      workspaceId: 'default',
      now,
      readerThread: true,
    });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.reason === 'opt_out_source' && outcome.line === 20_002);
    assert.equal(await countWorkspaceContacts(store, 'default'), 0);

    // More than the first chunk (1 MB) of ASCII, then a Windows-1252 é.
    const latin = iconv.encode(
      `${[head, ...rows, `0698765432,Hélène,Lefèvre,13001,,,,${consent(2)}`].join('\n')}\n`,
      'win1252',
    );
    assert.ok(latin.length > 1 << 21);
    const fallback = await importContacts(store, {
      file: write('late-latin.csv', latin),
      workspaceId: 'default',
      now,
      readerThread: true,
    });
    assert.ok(fallback.ok, JSON.stringify(fallback));
    assert.deepEqual(
      [fallback.summary.encoding, fallback.summary.imported],
      ['windows-1252', 30_001],
    );
    const helene = await sql<{ first_name: string }>`SELECT first_name FROM contacts
    WHERE phone = '+33698765432'`.execute(store.db);
    assert.equal(helene.rows[0]?.first_name, 'Hélène');
  },
);
