import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PreflightRecipient } from './preflight-recipient.ts';
import { type PreflightInput, runPreflight } from './run-preflight.ts';

const now = new Date('2026-11-28T10:00:00Z');
let nextId = 1;

function recipient(patch: Partial<PreflightRecipient> = {}): PreflightRecipient {
  const id = nextId++;
  return {
    id,
    phone: `+3361234${String(id).padStart(4, '0')}`,
    consentStatus: 'granted',
    consentValidUntil: '2028-01-01T00:00:00.000Z',
    suppressed: false,
    values: { firstName: 'Zoé' },
    ...patch,
  };
}

const campaign = {
  sender: 'DUPONT',
  text: 'Dupont Meubles: {firstName|Bonjour}, -20% ce samedi ! STOP au 36180',
  purpose: 'promotional',
  sector: 'retail',
} as const;

function preflight(recipients: PreflightRecipient[], patch: Partial<PreflightInput> = {}) {
  return runPreflight({ campaign, recipients, now, stopCode: '36180', ...patch });
}

const exclusions: Array<[string, Partial<PreflightRecipient>, string, string]> = [
  ['invalid-number', { phone: '+3361234' }, 'FR-NUM-03', 'invalide'],
  ['invalid-number', { phone: 'pas un numéro' }, 'FR-NUM-03', 'invalide'],
  ['invalid-number', { phone: '+33639123456' }, 'FR-NUM-03', 'invalide'], // 0639 is Mayotte: never +33
  ['not-mobile', { phone: '+33145678901' }, 'FR-NUM-03', 'mobiles'],
  ['no-rule-pack', { phone: '+2693212345' }, 'FR-NUM-03', 'pack'], // Comoros, not France
  ['suppressed', { suppressed: true }, 'OPT-01', 'désinscrit'],
  ['no-consent', { consentStatus: 'none' }, 'FR-CONS-01', 'consentement'],
  ['no-consent', { consentStatus: 'withdrawn' }, 'FR-CONS-01', 'consentement'],
  ['no-consent', { consentStatus: 'invalid' }, 'FR-CONS-01', 'consentement'],
  ['lapsed-consent', { consentValidUntil: '2026-11-28T09:59:59.999Z' }, 'FR-CONS-07', '3 ans'],
  ['lapsed-consent', { consentValidUntil: '2026-11-28T10:00:00Z' }, 'FR-CONS-07', '3 ans'],
  [
    'lapsed-consent',
    { consentValidUntil: Date.parse('2025-01-01T00:00:00Z') },
    'FR-CONS-07',
    '3 ans',
  ],
  ['lapsed-consent', { consentValidUntil: '2026-11-28T11:00:00+02:00' }, 'FR-CONS-07', '3 ans'],
  [
    'rental-already-used',
    { licenceId: 'lic-used', licenceKind: 'rental', listId: 'L' },
    'LIST-05',
    'location',
  ],
];

for (const [reason, patch, rule, word] of exclusions) {
  test(`excluded and counted: ${reason} ${JSON.stringify(patch)}`, () => {
    const { report } = preflight([recipient(), recipient(patch)], {
      exhaustedLicences: new Set(['lic-used']),
      rightsMention: 'dup.fr/rgpd',
    });
    assert.equal(report.recipients.total, 2);
    assert.equal(report.recipients.eligible, 1);
    assert.equal(report.recipients.excluded[reason as keyof typeof report.recipients.excluded], 1);
    const sum = Object.values(report.recipients.excluded).reduce((a, b) => a + b, 0);
    assert.equal(sum + report.recipients.eligible, report.recipients.total, 'nothing silent');
    const finding = report.findings.find((f) => f.rule === rule && f.message.includes(word));
    assert.ok(finding, `finding ${rule} mentioning "${word}"`);
    assert.equal(finding.count, 1);
    assert.equal(finding.severity, 'warn');
  });
}

test('consent still valid one millisecond after now is not lapsed', () => {
  const { report } = preflight([recipient({ consentValidUntil: '2026-11-28T10:00:00.001Z' })]);
  assert.equal(report.recipients.eligible, 1);
});

test('FR-MSG-05: a banned sector excludes everyone without an ongoing contract', () => {
  const { report } = preflight(
    [recipient(), recipient({ activeContract: true }), recipient({ activeContract: false })],
    { campaign: { ...campaign, sector: 'energy_renovation' } },
  );
  assert.equal(report.recipients.excluded['sector-ban'], 2);
  assert.equal(report.recipients.eligible, 1);
  const finding = report.findings.find((f) => f.rule === 'FR-MSG-05');
  assert.equal(finding?.layer, 'law');
  assert.match(finding?.message ?? '', /energy_renovation/);
});

test('duplicates: one message per number, own contact preferred over a list contact', () => {
  const listed = recipient({
    phone: '+33699000001',
    listId: 'L1',
    licenceId: 'P',
    licenceKind: 'purchase',
  });
  const own = recipient({ phone: '+33699000001' });
  const again = recipient({ phone: '+33699000001' });
  const { report, eligible } = preflight([own, listed, again], { rightsMention: 'x' });
  assert.equal(report.recipients.excluded.duplicate, 2);
  assert.deepEqual(
    eligible.eligible.map((r) => r.id),
    [own.id],
  );
});

test('a number excluded in one record but eligible through another is no exposure', () => {
  const lapsed = recipient({ phone: '+33699000002', consentStatus: 'none' });
  const ok = recipient({ phone: '+33699000002' });
  const alone = recipient({ phone: '+33699000003', consentStatus: 'withdrawn' });
  const suppressed = recipient({ suppressed: true });
  const { report } = preflight([lapsed, ok, alone, suppressed], { penaltyPerNumberEur: 1500 });
  assert.deepEqual(report.exposureAvoided, {
    numbers: 2,
    penaltyPerNumberEur: 1500,
    amountEur: 3000,
  });
});

test('exposure defaults to 1,000 € per number', () => {
  const { report } = preflight([recipient(), recipient({ consentStatus: 'none' })]);
  assert.equal(report.exposureAvoided.amountEur, 1000);
});

test('no eligible recipient blocks (TX-RCP-01)', () => {
  const { report } = preflight([recipient({ suppressed: true })]);
  assert.equal(report.ok, false);
  assert.ok(report.findings.some((f) => f.rule === 'TX-RCP-01' && f.severity === 'block'));
  assert.equal(report.message.parts, 1);
});

test('recipients are processed in id order whatever the input order', () => {
  const a = recipient();
  const b = recipient();
  const { eligible } = preflight([b, a]);
  assert.deepEqual(
    eligible.eligible.map((r) => r.id),
    [a.id, b.id],
  );
});

// Message findings.

test('a compliant campaign has no blocking finding and reports encoding, parts, STOP', () => {
  const { report } = preflight([recipient(), recipient({ values: {} })]);
  assert.equal(report.ok, true, JSON.stringify(report.findings));
  assert.deepEqual(report.message.stop, { present: true, code: '36180' });
  assert.equal(report.message.encoding, 'GSM-7');
  assert.equal(report.message.parts, 1);
  assert.equal(report.message.sender.valid, true);
});

test('FR-MSG-04: worst case over the values: one long first name makes 2 parts (block)', () => {
  const long = 'Maximilienne-Éléonore'.repeat(6); // 126 + 48 literal septets > 160
  const { report, eligible } = preflight([recipient(), recipient({ values: { firstName: long } })]);
  assert.equal(report.message.parts, 2);
  assert.deepEqual([...eligible.parts], [1, 2]);
  const f = report.findings.find((x) => x.rule === 'FR-MSG-04' && x.severity === 'block');
  assert.equal(f?.count, 1);
  assert.equal(report.ok, false);
  const allowed = preflight([recipient({ values: { firstName: long } })], { maxParts: 2 });
  assert.equal(allowed.report.ok, true);
});

test('FR-MSG-04: a value outside GSM-7 switches that message to UCS-2 (warn, counted)', () => {
  const { report } = preflight([
    recipient(),
    recipient({ values: { firstName: 'Gaëlle' } }),
    recipient(),
  ]);
  assert.equal(report.message.encoding, 'UCS-2');
  const f = report.findings.find((x) => x.rule === 'FR-MSG-04' && x.severity === 'warn');
  assert.equal(f?.count, 1);
  assert.match(f?.message ?? '', /UCS-2/);
});

test('TX-TPL-01: a placeholder without value or fallback blocks', () => {
  const { report } = preflight([recipient({ values: {} }), recipient()], {
    campaign: { ...campaign, text: 'Bonjour {firstName}, -20% ! STOP au 36180' },
  });
  const f = report.findings.find((x) => x.rule === 'TX-TPL-01');
  assert.equal(f?.severity, 'block');
  assert.equal(f?.count, 1);
  assert.match(f?.message ?? '', /\{firstName\|client\}/);
});

const messageCases: Array<[string, Partial<PreflightInput['campaign']>, string, 'block' | 'warn']> =
  [
    ['promotional without STOP', { text: 'Soldes -20% ce samedi' }, 'FR-MSG-02', 'block'],
    ['STOP with another code', { text: 'Soldes -20% STOP au 36111' }, 'FR-MSG-02', 'block'],
    ['sender is a mobile number', { sender: '0612345678' }, 'FR-SND-01', 'block'],
    ['sender with a hyphen', { sender: 'DUPONT-MEUB' }, 'FR-SND-02', 'block'],
    ['generic sender', { sender: 'PROMO' }, 'FR-SND-03', 'block'],
    [
      'transactional text that looks promotional',
      {
        purpose: 'transactional',
        text: 'Votre colis arrive. Profitez de -20% avec le code NOEL20',
      },
      'FR-SCOPE-01',
      'warn',
    ],
  ];

for (const [title, patch, rule, severity] of messageCases) {
  test(`message finding: ${title} -> ${rule} ${severity}`, () => {
    const { report } = preflight([recipient(), recipient()], {
      campaign: { ...campaign, ...patch },
    });
    const f = report.findings.find((x) => x.rule === rule);
    assert.ok(f, JSON.stringify(report.findings));
    assert.equal(f.severity, severity);
    assert.equal(f.count, 2);
    assert.ok(f.message.length > 20);
  });
}

test('a transactional text without promotional markers raises no FR-SCOPE-01', () => {
  const { report } = preflight([recipient()], {
    campaign: {
      ...campaign,
      purpose: 'transactional',
      text: 'Votre colis arrive demain. Code de retrait : 482913',
    },
  });
  assert.equal(
    report.findings.some((f) => f.rule === 'FR-SCOPE-01'),
    false,
  );
  assert.equal(
    report.findings.some((f) => f.rule === 'FR-MSG-02'),
    false,
    'no STOP needed',
  );
});

const listCases: Array<[string, string | null, string, boolean]> = [
  ['no token configured', null, campaign.text, true],
  ['token missing from the text', 'dup.fr/rgpd', campaign.text, true],
  ['token present (case-insensitive)', 'dup.fr/rgpd', `${campaign.text} Infos: DUP.FR/RGPD`, false],
];

for (const [title, token, text, blocked] of listCases) {
  test(`LIST-03 with list contacts: ${title}`, () => {
    const { report } = preflight(
      [recipient(), recipient({ listId: 'L1', licenceId: 'R1', licenceKind: 'rental' })],
      { rightsMention: token, campaign: { ...campaign, text } },
    );
    const f = report.findings.find((x) => x.rule === 'LIST-03');
    assert.equal(f !== undefined, blocked);
    if (f) {
      assert.equal(f.count, 1);
      assert.equal(f.severity, 'block');
      assert.equal(f.layer, 'law');
    }
  });
}

test('LIST-03 does not apply without list contacts', () => {
  const { report } = preflight([recipient()], { rightsMention: null });
  assert.equal(
    report.findings.some((f) => f.rule === 'LIST-03'),
    false,
  );
});

test('findings come blocking first, then law before policy', () => {
  const { report } = preflight(
    [recipient(), recipient({ consentStatus: 'none' }), recipient({ phone: '+33145678901' })],
    {
      campaign: { ...campaign, text: 'Soldes -20%' },
    },
  );
  const order = report.findings.map((f) => `${f.severity}:${f.layer}`);
  assert.deepEqual(order, ['block:law', 'warn:law', 'warn:policy']);
});

test('FR-CONS-05 and FR-CONS-04: exception bases are eligible, counted and explained', () => {
  const recipients = [
    recipient({ exception: 'b2b' }),
    recipient({ exception: 'b2b' }),
    recipient({ exception: 'non_commercial' }),
    recipient(),
    // Excluded anyway: not counted under its exception.
    recipient({ exception: 'b2b', suppressed: true }),
  ];
  const { report } = preflight(recipients);
  assert.equal(report.recipients.eligible, 4);
  const b2b = report.findings.find((f) => f.rule === 'FR-CONS-05');
  assert.deepEqual([b2b?.severity, b2b?.count, b2b?.layer], ['warn', 2, 'law']);
  assert.match(b2b!.message, /activité professionnelle/);
  const charity = report.findings.find((f) => f.rule === 'FR-CONS-04');
  assert.deepEqual([charity?.severity, charity?.count], ['warn', 1]);
  assert.match(charity!.message, /association ou un organisme caritatif/);
  assert.ok(report.ok);
  const plain = preflight([recipient()]).report;
  assert.ok(!plain.findings.some((f) => f.rule === 'FR-CONS-05' || f.rule === 'FR-CONS-04'));
});
