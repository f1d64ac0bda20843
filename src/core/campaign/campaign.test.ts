import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBannedSector } from './banned-sectors.ts';
import { campaignInputSchema, sectors } from './campaign.ts';

const base = {
  workspaceId: 'w1',
  name: 'Soldes',
  sender: 'DUPONT',
  text: 'Soldes STOP au 36180',
  schedule: { start: '2026-12-01T08:00:00+01:00' },
};

test('defaults: promotional, general sector, brief policy, asap, 10 parts/s', () => {
  const c = campaignInputSchema.parse(base);
  assert.deepEqual(
    [c.purpose, c.sector, c.policy, c.schedule.slots, c.tps, c.rulePack],
    ['promotional', 'general', 'brief', 'asap', 10, 'FR'],
  );
});

const bad: Array<[string, Record<string, unknown>, string]> = [
  [
    'finish-by before start',
    { schedule: { start: '2026-12-01T08:00:00Z', finishBy: '2026-11-30T08:00:00Z' } },
    'finishBy',
  ],
  ['start without offset', { schedule: { start: '2026-12-01T08:00:00' } }, 'schedule'],
  ['unknown sector (typo must not dodge a ban)', { sector: 'energy-renovation' }, 'sector'],
  ['tps 0', { tps: 0 }, 'tps'],
  ['unknown purpose', { purpose: 'marketing' }, 'purpose'],
  ['empty name', { name: '  ' }, 'name'],
];

for (const [title, patch, path] of bad) {
  test(`refused: ${title}`, () => {
    const result = campaignInputSchema.safeParse({ ...base, ...patch });
    assert.equal(result.success, false);
    assert.ok(
      result.error?.issues.some((i) => i.path.join('.').includes(path)),
      path,
    );
  });
}

test('FR-MSG-05: exactly three sectors are banned', () => {
  assert.deepEqual(sectors.filter(isBannedSector), [
    'energy_renovation',
    'home_adaptation',
    'cpf_training',
  ]);
});
