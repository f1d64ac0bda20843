import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumber } from '../phone/parse-number.ts';
import type { PreflightRecipient } from '../preflight/preflight-recipient.ts';
import { runPreflight } from '../preflight/run-preflight.ts';
import { isSendable } from '../rules/is-sendable.ts';
import { composeCampaignReport } from './compose-campaign-report.ts';
import { createWindowSource } from './create-window-source.ts';
import { describeUnplaceable } from './describe-unplaceable.ts';
import { listPlannedMessages } from './list-planned-messages.ts';
import { type PlanInput, planCampaign } from './plan-campaign.ts';

const now = new Date('2026-10-01T00:00:00Z');

function recipient(
  id: number,
  phone: string,
  patch: Partial<PreflightRecipient> = {},
): PreflightRecipient {
  return {
    id,
    phone,
    consentStatus: 'granted',
    consentValidUntil: null,
    suppressed: false,
    ...patch,
  };
}

function plan(
  recipients: PreflightRecipient[],
  schedule: PlanInput['schedule'],
  options: { tps?: number; policy?: string; text?: string } = {},
) {
  const { eligible, report } = runPreflight({
    campaign: {
      sender: 'DUPONT',
      text: options.text ?? 'Dupont: -20% ce samedi ! STOP au 36180',
      purpose: 'promotional',
      sector: 'retail',
    },
    recipients,
    now,
    stopCode: '36180',
    rightsMention: 'dup.fr/rgpd',
  });
  const result = planCampaign({
    eligible,
    schedule,
    tps: options.tps ?? 1,
    windows: createWindowSource(options.policy),
  });
  const byPhone = new Map<string, { at: string | null; end: string | null }>();
  const lines = [...listPlannedMessages(eligible, result)];
  eligible.e164.forEach((e164, i) => {
    byPhone.set(e164, { at: lines[i]!.plannedAt, end: lines[i]!.windowEndsAt });
  });
  return { result, byPhone, eligible, report, lines };
}

const fr = '+33612345678';
const re = '+262692123456';
const yt = '+262639012345';
const gp = '+590690123456';
const pf = '+68987123456';

// Each case: recipients, start, expected [phone, plannedAt, windowEndsAt] (UTC).
const cases: Array<
  [string, PreflightRecipient[], PlanInput['schedule'], Array<[string, string, string]>]
> = [
  [
    'Réunion is UTC+4 all year: 2 h ahead of Paris before the 2026-10-25 DST change, on Saturday evening its window is closed; Sunday skipped',
    [recipient(1, fr), recipient(2, re)],
    { start: '2026-10-24T18:30:00+02:00', slots: 'asap' },
    [
      [fr, '2026-10-24T16:30:00.000Z', '2026-10-24T18:00:00.000Z'],
      [re, '2026-10-26T04:00:00.000Z', '2026-10-26T16:00:00.000Z'],
    ],
  ],
  [
    'after the change Paris is UTC+1: Monday window 07:00Z-19:00Z, Réunion 3 h ahead keeps 04:00Z-16:00Z',
    [recipient(1, fr), recipient(2, re)],
    { start: '2026-10-26T07:00:00+01:00', slots: 'asap' },
    [
      [fr, '2026-10-26T07:00:00.000Z', '2026-10-26T19:00:00.000Z'],
      [re, '2026-10-26T06:00:00.000Z', '2026-10-26T16:00:00.000Z'],
    ],
  ],
  [
    'Mayotte is UTC+3, Guadeloupe UTC-4, French Polynesia the intersection of three zones',
    [recipient(1, yt), recipient(2, gp), recipient(3, pf)],
    { start: '2026-12-07T12:00:00Z', slots: 'asap' },
    [
      [yt, '2026-12-07T12:00:00.000Z', '2026-12-07T17:00:00.000Z'],
      [gp, '2026-12-07T12:00:01.000Z', '2026-12-08T00:00:00.000Z'],
      [pf, '2026-12-07T18:00:00.000Z', '2026-12-08T05:00:00.000Z'],
    ],
  ],
  [
    'Sunday skipped: a campaign started on Sunday leaves Monday 08:00 local',
    [recipient(1, fr)],
    { start: '2026-11-29T10:00:00+01:00', slots: 'asap' },
    [[fr, '2026-11-30T07:00:00.000Z', '2026-11-30T19:00:00.000Z']],
  ],
  [
    'spill-over and holiday: the third message misses 20:00 on 10 Nov, 11 Nov is a holiday, it leaves on 12 Nov',
    [recipient(1, fr), recipient(2, '+33612345679'), recipient(3, '+33612345670')],
    { start: '2026-11-10T19:59:58+01:00', slots: 'asap' },
    [
      [fr, '2026-11-10T18:59:58.000Z', '2026-11-10T19:00:00.000Z'],
      ['+33612345679', '2026-11-10T18:59:59.000Z', '2026-11-10T19:00:00.000Z'],
      ['+33612345670', '2026-11-12T07:00:00.000Z', '2026-11-12T19:00:00.000Z'],
    ],
  ],
  [
    'Alsace-Moselle: 26 Dec is blocked for a +33 number unless the département is known elsewhere',
    [
      recipient(1, fr),
      recipient(2, '+33612345679', { postalCode: '75011' }),
      recipient(3, '+33612345670', { department: '67' }),
    ],
    { start: '2026-12-26T09:00:00+01:00', slots: 'asap' },
    [
      [fr, '2026-12-28T07:00:00.000Z', '2026-12-28T19:00:00.000Z'],
      ['+33612345679', '2026-12-26T08:00:00.000Z', '2026-12-26T19:00:00.000Z'],
      ['+33612345670', '2026-12-28T07:00:01.000Z', '2026-12-28T19:00:00.000Z'],
    ],
  ],
  [
    'best slots only: 11:00 local in Paris and Réunion, 18:00 in Guadeloupe the same UTC day',
    [recipient(1, fr), recipient(2, re), recipient(3, gp)],
    { start: '2026-12-07T08:00:00+01:00', slots: 'best' },
    [
      [fr, '2026-12-07T10:00:00.000Z', '2026-12-07T19:00:00.000Z'],
      [re, '2026-12-07T07:00:00.000Z', '2026-12-07T16:00:00.000Z'],
      [gp, '2026-12-07T15:00:00.000Z', '2026-12-08T00:00:00.000Z'],
    ],
  ],
];

for (const [title, recipients, schedule, expected] of cases) {
  test(`plan: ${title}`, () => {
    const { byPhone, result } = plan(recipients, schedule);
    for (const [phone, at, end] of expected) {
      assert.deepEqual(byPhone.get(phone), { at, end }, phone);
    }
    assert.equal(result.summary.unplaceable, 0);
    assert.equal(describeUnplaceable(result.summary), null);
  });
}

test('charter policy: 08:00-21:30, Sunday tolerated', () => {
  const { byPhone } = plan(
    [recipient(1, fr)],
    { start: '2026-11-29T21:00:00+01:00', slots: 'asap' },
    { policy: 'charter' },
  );
  assert.deepEqual(byPhone.get(fr), {
    at: '2026-11-29T20:00:00.000Z',
    end: '2026-11-29T20:30:00.000Z',
  });
});

test('Saint-Pierre-et-Miquelon follows North-American DST: UTC-2 until 1 Nov 2026, then UTC-3', () => {
  const pm = '+508551234';
  const before = plan([recipient(1, pm)], { start: '2026-10-31T09:00:00Z', slots: 'asap' });
  assert.deepEqual(before.byPhone.get(pm), {
    at: '2026-10-31T10:00:00.000Z',
    end: '2026-10-31T22:00:00.000Z',
  });
  const after = plan([recipient(1, pm)], { start: '2026-11-02T09:00:00Z', slots: 'asap' });
  assert.deepEqual(after.byPhone.get(pm), {
    at: '2026-11-02T11:00:00.000Z',
    end: '2026-11-02T23:00:00.000Z',
  });
});

test('finish-by: what cannot fit is unplaceable, never planned late', () => {
  const recipients = Array.from({ length: 5 }, (_, i) => recipient(i + 1, `+3361234560${i}`));
  const { result, lines } = plan(recipients, {
    start: '2026-11-10T19:59:57+01:00',
    finishBy: '2026-11-10T20:30:00+01:00',
    slots: 'asap',
  });
  assert.equal(result.summary.planned, 3);
  assert.equal(result.summary.unplaceable, 2);
  assert.deepEqual(
    lines.map((l) => l.plannedAt),
    [
      '2026-11-10T18:59:57.000Z',
      '2026-11-10T18:59:58.000Z',
      '2026-11-10T18:59:59.000Z',
      null,
      null,
    ],
  );
  assert.equal(result.summary.perTerritory.FR?.unplaceable, 2);
  const { report } = plan(recipients, { start: '2026-11-10T19:59:57+01:00', slots: 'asap' });
  const composed = composeCampaignReport(report, result.summary);
  assert.deepEqual(composed.plan?.unplaceable, 2);
  assert.ok(composed.findings.some((f) => f.rule === 'TX-PLAN-01'));
  assert.deepEqual(composed.cost, { parts: 3, eur: 0.14 });
  assert.equal(composed.ok, true, 'unplaceable messages warn, they do not block');
  const finding = describeUnplaceable(result.summary);
  assert.deepEqual([finding?.rule, finding?.severity, finding?.count], ['TX-PLAN-01', 'warn', 2]);
  assert.match(finding?.message ?? '', /FR : 2/);
});

test('best slots: a full 11:00-12:30 slot spills into 18:00-19:30, never between', () => {
  const n = 5401; // 90 minutes at 1 part/s = 5,400
  const recipients = Array.from({ length: n }, (_, i) =>
    recipient(i + 1, `+3361${String(i).padStart(7, '0')}`),
  );
  const { result, lines } = plan(recipients, { start: '2026-12-07T08:00:00+01:00', slots: 'best' });
  assert.equal(result.summary.planned, n);
  assert.equal(lines[n - 2]!.plannedAt, '2026-12-07T11:29:59.000Z');
  assert.equal(lines[n - 1]!.plannedAt, '2026-12-07T17:00:00.000Z');
  assert.deepEqual(result.summary.perSlot, { '11:00-12:30': 5400, '18:00-19:30': 1, other: 0 });
});

test('mixed territories: every instant is sendable, inside its window, cap never exceeded', () => {
  const phones = [fr, re, yt, gp, pf, '+596696123456', '+594694123456', '+33712345678'];
  const long = 'Maximilienne-Éléonore'.repeat(6);
  const recipients = Array.from({ length: 3000 }, (_, i) =>
    recipient(i + 1, phones[i % phones.length]!.slice(0, -4) + String(i).padStart(4, '0'), {
      values: { firstName: i % 5 === 0 ? long : 'Zoé' },
    }),
  );
  const tps = 3;
  const { result, eligible } = plan(
    recipients,
    { start: '2026-12-04T19:00:00+01:00', slots: 'asap' },
    { tps, text: 'Dupont: {firstName|Bonjour}, -20% ce samedi ! STOP au 36180' },
  );
  assert.ok(eligible.parts.includes(2), 'some messages have 2 parts');
  assert.equal(result.summary.unplaceable, 0);
  const load = new Map<number, number>();
  eligible.eligible.forEach((_, i) => {
    const at = result.plannedAt[i]!;
    const second = Math.floor(at / 1000);
    load.set(second, (load.get(second) ?? 0) + eligible.parts[i]!);
    const verdict = isSendable({ number: parseNumber(eligible.e164[i]!) }, at);
    assert.equal(verdict.allowed, true, `${eligible.e164[i]} at ${new Date(at).toISOString()}`);
    assert.equal(verdict.windowEndsAt, result.windowEndsAt[i], eligible.e164[i]);
  });
  assert.ok(Math.max(...load.values()) <= tps);
  assert.equal(
    result.summary.parts,
    [...eligible.parts].reduce((a, b) => a + b, 0),
  );
});

test('the plan is deterministic', () => {
  const recipients = Array.from({ length: 200 }, (_, i) =>
    recipient(
      i + 1,
      i % 2 ? `+3361234${String(i).padStart(4, '0')}` : `+262692${String(i).padStart(6, '0')}`,
    ),
  );
  const a = plan(recipients, { start: '2026-12-07T08:00:00+01:00', slots: 'asap' }, { tps: 2 });
  const b = plan(
    [...recipients].reverse(),
    { start: '2026-12-07T08:00:00+01:00', slots: 'asap' },
    { tps: 2 },
  );
  assert.deepEqual(a.lines, b.lines);
});

test('rented contacts are masked in the plan lines, own contacts are not', () => {
  const { lines } = plan(
    [recipient(1, fr), recipient(2, re, { listId: 'L', licenceId: 'R', licenceKind: 'rental' })],
    { start: '2026-12-07T08:00:00+01:00', slots: 'asap' },
  );
  assert.deepEqual(
    lines.map((l) => l.to),
    [fr, '+262*******56'],
  );
});

test('summary: per day (Paris), per territory with cost, expected completion', () => {
  const { result } = plan([recipient(1, fr), recipient(2, re), recipient(3, gp)], {
    start: '2026-10-24T18:30:00+02:00',
    slots: 'asap',
  });
  const s = result.summary;
  assert.deepEqual(s.perDay, { '2026-10-24': 2, '2026-10-26': 1 });
  assert.equal(s.start, '2026-10-24T16:30:00.000Z');
  assert.equal(s.end, '2026-10-26T04:00:00.000Z');
  assert.deepEqual(Object.keys(s.perTerritory).sort(), ['FR', 'GP/BL/MF', 'RE']);
  assert.equal(s.perTerritory.RE?.costEur, 0.09);
  assert.equal(s.costEur, Math.round((0.045 + 0.09 + 0.09) * 100) / 100);
  assert.equal(s.parts, 3);
});

test('without finish-by the horizon grows until everything fits', () => {
  const recipients = Array.from({ length: 3 }, (_, i) => recipient(i + 1, `+3361234567${i}`));
  const { result } = plan(
    recipients,
    { start: '2026-12-24T19:59:59+01:00', slots: 'asap' },
    { tps: 1 },
  );
  assert.equal(result.summary.unplaceable, 0);
  assert.equal(result.summary.end, '2026-12-28T07:00:01.000Z');
});

test('a start already past plans from now; bad tps or instants are refused', () => {
  const { eligible } = runPreflight({
    campaign: {
      sender: 'DUPONT',
      text: 'Soldes STOP au 36180',
      purpose: 'promotional',
      sector: 'retail',
    },
    recipients: [recipient(1, fr)],
    now,
  });
  const windows = createWindowSource();
  const schedule = { start: '2026-12-01T08:00:00+01:00', slots: 'asap' } as const;
  const later = planCampaign({
    eligible,
    schedule,
    tps: 1,
    windows,
    now: new Date('2026-12-02T10:00:00Z'),
  });
  assert.equal(later.summary.start, '2026-12-02T10:00:00.000Z');
  assert.throws(() => planCampaign({ eligible, schedule, tps: 0, windows }), /tps/);
  assert.throws(
    () => planCampaign({ eligible, schedule: { ...schedule, start: 'demain' }, tps: 1, windows }),
    /ISO/,
  );
});
