import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { proveConsent } from './consent.ts';
import { countWorkspaceContacts, showContact } from './contacts.ts';
import { importContacts } from './import.ts';

// A contact's outcome is decided on its state at the end of an import against its state
// before it, even when its number is on rows of different batches (batchSize 1 here).
const dir = mkdtempSync(join(tmpdir(), 'texto-import-outcomes-'));
const head =
  'phone,first_name,last_name,consent_basis,consent_mechanism,consent_wording,consent_collected_at';
const consent = (at = '2025-03-01T10:00:00Z') =>
  `opt_in,unticked_checkbox,"J'accepte les SMS de Dupont",${at}`;
let files = 0;

async function importRows(store: Store, rows: string[], at: string, batchSize = 1) {
  files += 1;
  const file = join(dir, `f${files}.csv`);
  writeFileSync(file, [head, ...rows].join('\n'));
  const outcome = await importContacts(store, {
    file,
    workspaceId: 'default',
    now: new Date(at),
    batchSize,
  });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const s = outcome.summary;
  assert.equal(s.rows, s.imported + s.updated + s.unchanged + s.duplicates + s.rejected);
  return [s.imported, s.updated, s.unchanged, s.duplicates, s.consentEvents];
}

const jean = async (store: Store) => {
  const c = await showContact(store, 'default', '0612345678', new Date('2026-11-28T12:00:00Z'));
  return [c.firstName, c.lastName, c.updatedAt];
};

forEachDatabase(
  'import: re-importing a file whose number is on rows of different batches changes nothing',
  async (store) => {
    const rows = [
      `0612345678,Jean,Dupont,${consent()}`,
      `0612345679,Marie,Payet,${consent()}`,
      `0612345678,Jeannot,,${consent()}`,
    ];
    //                                     imported updated unchanged duplicates events
    assert.deepEqual(await importRows(store, rows, '2026-11-28T10:00:00Z'), [2, 0, 0, 1, 2]);
    assert.deepEqual(await jean(store), ['Jeannot', 'Dupont', '2026-11-28T10:00:00.000Z']);
    // Its first row puts Jean back, its last one Jeannot: unchanged, updated_at kept.
    assert.deepEqual(await importRows(store, rows, '2026-11-28T11:00:00Z'), [0, 0, 2, 1, 0]);
    assert.deepEqual(await jean(store), ['Jeannot', 'Dupont', '2026-11-28T10:00:00.000Z']);
  },
);

forEachDatabase(
  'import: a stored contact counts once, as its last row leaves it',
  async (store) => {
    await importRows(store, [`0612345678,Jean,Dupont,${consent()}`], '2026-11-28T10:00:00Z');
    // Unchanged by its first row, changed by its second: updated.
    const later = [`0612345678,Jean,,${consent()}`, `0612345678,Jean-Marc,,${consent()}`];
    assert.deepEqual(await importRows(store, later, '2026-11-28T11:00:00Z'), [0, 1, 0, 1, 0]);
    assert.deepEqual(await jean(store), ['Jean-Marc', 'Dupont', '2026-11-28T11:00:00.000Z']);
    // Changed, put back, changed again: updated once, from its state before the import.
    const again = [
      `0612345678,Jean,,${consent()}`,
      `0612345678,Jean-Marc,,${consent()}`,
      `0612345678,Jean,,${consent()}`,
    ];
    assert.deepEqual(await importRows(store, again, '2026-11-28T12:00:00Z'), [0, 1, 0, 2, 0]);
    assert.deepEqual(await jean(store), ['Jean', 'Dupont', '2026-11-28T12:00:00.000Z']);
    // Changed then put back: unchanged, and its update time is the one before the import.
    const back = [`0612345678,Jeannot,,${consent()}`, `0612345678,Jean,,${consent()}`];
    assert.deepEqual(await importRows(store, back, '2026-11-28T13:00:00Z'), [0, 0, 1, 1, 0]);
    assert.deepEqual(await jean(store), ['Jean', 'Dupont', '2026-11-28T12:00:00.000Z']);
    // Values put back but a new consent event recorded: updated for good.
    const event = [
      `0612345678,Jeannot,,${consent('2026-06-01T09:00:00Z')}`,
      `0612345678,Jean,,${consent()}`,
    ];
    assert.deepEqual(await importRows(store, event, '2026-11-28T14:00:00Z'), [0, 1, 0, 1, 1]);
    assert.deepEqual(await jean(store), ['Jean', 'Dupont', '2026-11-28T14:00:00.000Z']);
  },
);

forEachDatabase(
  'import: stored and new numbers in runs of chunks, looked up first or inserted first',
  async (store) => {
    const phone = (n: number) => `06${String(10_000_000 + n)}`;
    const line = (n: number, name = `P${n}`, at = '2025-03-01T10:00:00Z') =>
      `${phone(n)},${name},X,${consent(at)}`;
    const range = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i);
    // Runs longer than the engine's chunk (250 rows on SQLite, 1000 on PostgreSQL).
    const k = (await store.bulk(async (session) => session.chunkRows)) + 50;
    await importRows(
      store,
      range(1, 2 * k).map((n) => line(n)),
      '2026-11-28T10:00:00Z',
      2000,
    );
    // Stored numbers (every 10th renamed, every 25th with a newer consent), then new ones,
    // then stored again, each run over a chunk's end; the importer switches ways as it goes.
    const rows = [
      ...range(1, k).map((n) =>
        line(
          n,
          n % 10 === 0 ? `Q${n}` : `P${n}`,
          n % 25 === 0 ? '2026-06-01T10:00:00Z' : undefined,
        ),
      ),
      ...range(2 * k + 1, 3 * k).map((n) => line(n)),
      ...range(k + 1, 2 * k).map((n) => line(n)),
    ];
    // Renamed or with a new event: every 10th and every 25th of the first run, once each.
    const updated = k / 10 + k / 25 - k / 50;
    //                                                        imported updated unchanged dup events
    assert.deepEqual(await importRows(store, rows, '2026-11-28T11:00:00Z', 2000), [
      k,
      updated,
      2 * k - updated,
      0,
      k + k / 25,
    ]);
    assert.equal(await countWorkspaceContacts(store, 'default'), 3 * k);
    for (const n of [10, 25, 50, k - 50, 2 * k + 1, 3 * k, 2 * k - 1]) {
      const proof = await proveConsent(store, 'default', phone(n));
      assert.ok(proof.chainValid, `${n}: chain`);
      assert.equal(proof.events.length, n % 25 === 0 && n <= k ? 2 : 1, `${n}: events`);
      const c = await showContact(store, 'default', phone(n), new Date('2026-11-28T12:00:00Z'));
      assert.equal(c.firstName, n % 10 === 0 && n <= k ? `Q${n}` : `P${n}`, `${n}: name`);
    }
    // The same file again: nothing changes.
    assert.deepEqual(await importRows(store, rows, '2026-11-28T12:00:00Z', 2000), [
      0,
      0,
      3 * k,
      0,
      0,
    ]);
  },
);
