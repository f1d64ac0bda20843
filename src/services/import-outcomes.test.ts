import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { showContact } from './contacts.ts';
import { importContacts } from './import.ts';

// A contact's outcome is decided on its state at the end of an import against its state
// before it, even when its number is on rows of different batches (batchSize 1 here).
const dir = mkdtempSync(join(tmpdir(), 'texto-import-outcomes-'));
const head =
  'phone,first_name,last_name,consent_basis,consent_mechanism,consent_wording,consent_collected_at';
const consent = (at = '2025-03-01T10:00:00Z') =>
  `opt_in,unticked_checkbox,"J'accepte les SMS de Dupont",${at}`;
let files = 0;

async function importRows(store: Store, rows: string[], at: string) {
  files += 1;
  const file = join(dir, `f${files}.csv`);
  writeFileSync(file, [head, ...rows].join('\n'));
  const outcome = await importContacts(store, {
    file,
    workspaceId: 'default',
    now: new Date(at),
    batchSize: 1,
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
