import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCliInMemory } from './run-cli-in-memory.ts';

function run(argv: string[], stdin = '') {
  return runCliInMemory(argv, { stdin });
}

test('window calendar --json lists allowed intervals day by day (PF intersection)', async () => {
  const r = await run([
    'window',
    'calendar',
    '--to',
    '+689 87 12 34 56',
    '--from',
    '2026-07-12',
    '--to-date',
    '2026-07-15',
    '--json',
  ]);
  assert.equal(r.code, 0);
  const o = JSON.parse(r.out);
  assert.deepEqual(o.zones, ['Pacific/Tahiti', 'Pacific/Marquesas', 'Pacific/Gambier']);
  assert.deepEqual(
    o.days.map((d: { date: string; reason: string; intervals: unknown[] }) => [
      d.date,
      d.reason,
      d.intervals.length,
    ]),
    [
      ['2026-07-12', 'sunday', 0],
      ['2026-07-13', 'ok', 1],
      ['2026-07-14', 'holiday', 0],
      ['2026-07-15', 'ok', 1],
    ],
  );
  assert.deepEqual(o.days[1].intervals[0], {
    start: '2026-07-13T18:00:00.000Z',
    end: '2026-07-14T05:00:00.000Z',
    localStart: '2026-07-13T08:00:00-10:00',
    localEnd: '2026-07-13T19:00:00-10:00',
  });
  const text = await run([
    'window',
    'calendar',
    '--to',
    '0612345678',
    '--department',
    '75',
    '--from',
    '2026-03-28',
    '--to-date',
    '2026-03-30',
  ]);
  assert.equal(text.code, 0);
  assert.match(
    text.out,
    /2026-03-28 {2}08:00-20:00\n2026-03-29 {2}closed \(sunday\)\n2026-03-30 {2}08:00-20:00/,
  );
  const never = await run([
    'window',
    'calendar',
    '--to',
    '+12025550143',
    '--from',
    '2026-03-28',
    '--to-date',
    '2026-03-30',
    '--json',
  ]);
  assert.deepEqual([never.code, JSON.parse(never.out).refused], [1, 'no-rule-pack']);
  for (const args of [
    ['--from', '2026-02-30', '--to-date', '2026-03-01'],
    ['--from', '2026-03-02', '--to-date', '2026-03-01'],
    ['--from', '2026-01-01', '--to-date', '2027-12-31'],
    ['--from', '2026-01-01'],
  ]) {
    assert.equal(
      (await run(['window', 'calendar', '--to', '0612345678', ...args])).code,
      2,
      args.join(' '),
    );
  }
});
