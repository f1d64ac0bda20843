import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileTemplate } from './compile-template.ts';
import { findWorstCase } from './find-worst-case.ts';

test('worst: most parts first, then most units, in the message’s own encoding', () => {
  const t = compileTemplate(`${'a'.repeat(60)} {firstName|client}`);
  const w = findWorstCase(t, [{ firstName: 'Jean' }, { firstName: 'Anaïs' }, { firstName: 'Bo' }]);
  // One SMS each: the longest wins, Anaïs's 66 UCS-2 characters over Jean's 65 septets.
  assert.deepEqual(w.worst, { recipient: 1, units: 66, encoding: 'UCS-2' });
  const gsm = findWorstCase(t, [{ firstName: 'Bo' }, { firstName: 'Jean' }, { firstName: 'Lu' }]);
  assert.deepEqual(gsm.worst, { recipient: 1, units: 65, encoding: 'GSM-7' });
  const longer = findWorstCase(t, [{ firstName: 'Jean' }, { firstName: 'Anaïs-Éloïse' }]);
  // 73 UCS-2 characters need two parts: more parts beats more units.
  assert.deepEqual(longer.worst, { recipient: 1, units: 73, encoding: 'UCS-2' });
  assert.equal(findWorstCase(t, []).worst, null);
});
