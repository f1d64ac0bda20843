import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { setUpApi } from './api-test-kit.ts';

const config = loadConfig({ TEXTO_DATA_DIR: mkdtempSync(join(tmpdir(), 'texto-api-best-')) });

type Day = {
  date: string;
  bestSlots: Array<{ start: string; localStart: string; localEnd: string }>;
};
const local = (d: Day) =>
  d.bestSlots.map((s) => `${s.localStart.slice(11, 16)}-${s.localEnd.slice(11, 16)}`);

forEachDatabase(
  'GET windows/calendar: best slots per territory and day, from the rule pack (FR-TIME-01 ADVICE)',
  async (store) => {
    const t = await setUpApi(store, config);
    const ws = `/api/workspaces/${t.a.id}/windows/calendar`;
    const r = await t.call('GET', `${ws}?territory=FR,RE&from=2026-11-30&to=2026-12-06`, t.keys.a);
    assert.equal(r.status, 200, r.text);
    const [fr, re] = r.json.territories as Array<{ days: Day[] }>;
    // Monday in Paris: 11:00-12:30 and 18:00-19:30 local, i.e. UTC+1 in winter.
    assert.deepEqual(fr!.days[0]!.bestSlots, [
      {
        start: '2026-11-30T10:00:00.000Z',
        end: '2026-11-30T11:30:00.000Z',
        localStart: '2026-11-30T11:00:00+01:00',
        localEnd: '2026-11-30T12:30:00+01:00',
      },
      {
        start: '2026-11-30T17:00:00.000Z',
        end: '2026-11-30T18:30:00.000Z',
        localStart: '2026-11-30T18:00:00+01:00',
        localEnd: '2026-11-30T19:30:00+01:00',
      },
    ]);
    assert.deepEqual(local(fr!.days[6]!), [], 'Sunday is closed, so it has no best slot');
    // Réunion: the same local hours, four hours ahead of UTC.
    assert.deepEqual(local(re!.days[0]!), ['11:00-12:30', '18:00-19:30']);
    assert.equal(re!.days[0]!.bestSlots[0]!.start, '2026-11-30T07:00:00.000Z');
    // A policy ending at 19:00 clips the evening slot: the answer follows the policy.
    const custom = await t.call(
      'GET',
      `${ws}?territory=FR&from=2026-12-01&to=2026-12-01&policy=custom:09:00-19:00`,
      t.keys.a,
    );
    assert.equal(custom.status, 200, custom.text);
    assert.deepEqual(local(custom.json.territories[0].days[0]), ['11:00-12:30', '18:00-19:00']);
  },
);
