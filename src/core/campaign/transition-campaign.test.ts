import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Campaign, CampaignState } from './campaign.ts';
import { type CampaignAction, transitionCampaign } from './transition-campaign.ts';

const now = new Date('2026-11-28T10:00:00Z');

function campaignIn(state: CampaignState): Campaign {
  return {
    id: 'c1',
    workspaceId: 'w1',
    name: 'Soldes',
    sender: 'DUPONT',
    text: 'Soldes -20% STOP au 36180',
    purpose: 'promotional',
    sector: 'retail',
    audiences: [],
    licences: [],
    rulePack: 'FR',
    policy: 'brief',
    schedule: { start: '2026-12-01T08:00:00+01:00', slots: 'asap' },
    tps: 10,
    state,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
  };
}

const allowed: Array<[CampaignState, CampaignAction, CampaignState]> = [
  ['draft', 'schedule', 'scheduled'],
  ['scheduled', 'unschedule', 'draft'],
  ['scheduled', 'start', 'sending'],
  ['sending', 'pause', 'paused'],
  ['paused', 'resume', 'sending'],
  ['sending', 'complete', 'completed'],
  ['paused', 'complete', 'completed'],
  ['draft', 'cancel', 'cancelled'],
  ['scheduled', 'cancel', 'cancelled'],
  ['sending', 'cancel', 'cancelled'],
  ['paused', 'cancel', 'cancelled'],
];

for (const [from, action, to] of allowed) {
  test(`${from} --${action}--> ${to}`, () => {
    const result = transitionCampaign(campaignIn(from), action, { now, blockingFindings: 0 });
    assert.equal(result.ok, true);
    if (result.ok) {
      assert.equal(result.campaign.state, to);
      assert.equal(result.campaign.updatedAt, now.toISOString());
    }
  });
}

const refused: Array<[CampaignState, CampaignAction]> = [
  ['draft', 'start'],
  ['draft', 'pause'],
  ['scheduled', 'schedule'],
  ['sending', 'schedule'],
  ['completed', 'cancel'],
  ['cancelled', 'resume'],
  ['completed', 'start'],
  ['paused', 'pause'],
];

for (const [from, action] of refused) {
  test(`${from} refuses ${action}`, () => {
    const result = transitionCampaign(campaignIn(from), action, { now });
    assert.deepEqual(result.ok ? 'accepted' : result.reason, 'invalid-transition');
  });
}

test('a campaign with blocking findings cannot be scheduled', () => {
  const result = transitionCampaign(campaignIn('draft'), 'schedule', { now, blockingFindings: 2 });
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.reason, 'blocking-findings');
    assert.match(result.message, /2 point\(s\) bloquant/);
  }
});

test('the input campaign is not mutated', () => {
  const before = campaignIn('draft');
  transitionCampaign(before, 'schedule', { now, blockingFindings: 0 });
  assert.equal(before.state, 'draft');
});

test('a refused move reads in French: the verb and the states, not their codes', () => {
  const result = transitionCampaign(campaignIn('completed'), 'cancel', { now });
  assert.ok(!result.ok);
  assert.equal(
    result.message,
    'Impossible d’annuler une campagne terminée (possible seulement « brouillon », « programmée », « en cours d’envoi », « suspendue »).',
  );
});
