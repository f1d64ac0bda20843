import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { assertEnvelope, setUpApi } from './api-test-kit.ts';

const config = loadConfig({ TEXTO_DATA_DIR: mkdtempSync(join(tmpdir(), 'texto-api-win-')) });

forEachDatabase(
  'GET windows/calendar: allowed intervals per territory (FR-TIME-*)',
  async (store) => {
    const t = await setUpApi(store, config);
    const ws = `/api/workspaces/${t.a.id}/windows/calendar`;
    // Mon 30 Nov – Sun 6 Dec 2026 for metropolitan France and Réunion; analysts may read it.
    const r = await t.call(
      'GET',
      `${ws}?territory=FR,re&from=2026-11-30&to=2026-12-06`,
      t.keys.analystA,
    );
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.territories.map((x: { territory: string; zones: string[] }) => [x.territory, x.zones]),
      [
        ['FR', ['Europe/Paris']],
        ['RE', ['Indian/Reunion']],
      ],
    );
    const fr = r.json.territories[0];
    assert.equal(fr.days.length, 7);
    assert.deepEqual(fr.days[0].intervals[0], {
      start: '2026-11-30T07:00:00.000Z',
      end: '2026-11-30T19:00:00.000Z',
      localStart: '2026-11-30T08:00:00+01:00',
      localEnd: '2026-11-30T20:00:00+01:00',
    });
    assert.deepEqual(fr.days[6].intervals, [], 'no marketing SMS on Sunday (brief policy)');
    assert.equal(r.json.territories[1].days[0].intervals[0].start, '2026-11-30T04:00:00.000Z');
    const cases: Array<[string, RegExp]> = [
      ['territory=XX&from=2026-11-30&to=2026-12-06', /territory: 'XX'/],
      ['territory=FR&from=2026-11-31&to=2026-12-06', /from: '2026-11-31' is not a real date/],
      ['territory=FR&from=2026-12-06&to=2026-11-30', /must be on or after from/],
      ['territory=FR&from=2026-11-01&to=2026-12-31', /at most 31 days/],
    ];
    for (const [query, message] of cases) {
      const bad = await t.call('GET', `${ws}?${query}`, t.keys.a);
      assertEnvelope(bad, 400, 'invalid_input');
      assert.match(bad.json.error.message, message, query);
    }
    assert.equal(
      (await t.call('GET', `${ws}?from=2026-11-30&to=2026-11-30`, t.keys.b)).status,
      404,
    );
  },
);
