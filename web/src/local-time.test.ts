import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localTime } from './local-time.ts';

test('an instant in the browser’s own time zone, with the zone when asked', () => {
  // The test process runs in the machine's zone: compare with what Date itself says there.
  const iso = '2026-12-06T09:00:00.000Z';
  const d = new Date(iso);
  const hh = String(d.getHours()).padStart(2, '0');
  assert.equal(localTime(iso).slice(11), `${hh}:00`);
  const offset = -d.getTimezoneOffset() / 60;
  const zone = offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : ''}${offset}`;
  assert.equal(localTime(iso, true).split(' ')[2], zone);
  assert.equal(localTime(null), '—');
  assert.equal(localTime('not a date'), 'not a date');
});
