import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import { insertSuppression } from '../store/suppressions.ts';
import { runCliInMemory } from './run-cli-in-memory.ts';

const dir = mkdtempSync(join(tmpdir(), 'texto-suppress-cli-'));
const env = { TEXTO_DATA_DIR: dir };
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (argv: string[]) => runCliInMemory(argv, { env });

test('texto suppress list: a rented recipient’s STOP is listed masked (LIST-05)', async () => {
  const rented = '+33655500001';
  const store = openStore({ dataDir: dir });
  try {
    await migrateStore(store, new Date());
    const stop = { phone: rented, reason: 'stop' as const, origin: 'rental:lic_1' };
    await insertSuppression(store.db, 'default', stop, new Date());
  } finally {
    await store.close();
  }
  assert.equal((await run(['suppress', 'add', '0612345678', '--json'])).code, 0);
  const listed = await run(['suppress', 'list', '--json']);
  assert.equal(listed.code, 0, listed.err);
  assert.ok(!listed.out.includes(rented) && !listed.out.includes('655500001'), listed.out);
  const { suppressions } = JSON.parse(listed.out) as {
    suppressions: Array<{ phone: string; masked: boolean }>;
  };
  const byMask = Object.fromEntries(suppressions.map((x) => [String(x.masked), x.phone]));
  assert.match(byMask.true ?? '', /^\+33 •+ 01 #\d+$/);
  assert.equal(byMask.false, '+33612345678', 'an own suppression is shown as it is');
  const text = await run(['suppress', 'list']);
  assert.ok(!text.out.includes(rented), text.out);
  // Adding the rented number again says no more than the API: not the STOP's origin.
  const again = await run(['suppress', 'add', rented, '--json']);
  assert.ok(!again.out.includes('rental'), again.out);
});
