import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { DomainError } from '../core/domain-error.ts';
import { listAuditEntries } from '../store/audit-log.ts';
import type { Store } from '../store/db.ts';
import { forEachDatabase, testEpoch } from '../store/test-databases.ts';
import { saveAudience } from './audiences.ts';
import { createCampaign, preflightCampaign } from './campaigns.ts';
import { createMarketWorkspace } from './market-settings.ts';
import { describeTransport } from './transport-view.ts';
import { checkWorkspaceMessage } from './workspace-message-check.ts';
import {
  changeWorkspaceSettings,
  readWorkspaceSettings,
  type SettingsChange,
} from './workspace-settings.ts';

const now = testEpoch;
const processSettings = { stopCode: '36180', transport: 'simulator' };
const policy = { stopCode: '36180', maxParts: 2, penaltyPerNumberEur: 1000 };
const policyConfig = loadConfig({ TEXTO_STOP_CODE: '36180', TEXTO_MAX_PARTS: '2' });
const text = 'Dupont : -20% ce week-end ! STOP au 36180';

/** A workspace with an (empty) audience: message findings do not depend on recipients. */
async function setUp(store: Store) {
  const ws = await createMarketWorkspace(store, { name: 'Adv', legalName: 'Dupont SA' }, now);
  await saveAudience(store, { workspace: 'Adv', name: 'tous', filter: { all: [] } }, now);
  return ws.id;
}

async function refusal(store: Store, workspaceId: string, change: SettingsChange) {
  const error = await changeWorkspaceSettings(store, null, workspaceId, change, now).then(
    () => assert.fail('the change was accepted'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DomainError && error.code === 'invalid_input', String(error));
  return (error.details as { problems: string[] }).problems;
}

/** The blocking rules besides TX-RCP-01 (nobody to send to). */
const rulesOf = (report: { findings: readonly { rule: string; severity: string }[] }) =>
  report.findings
    .filter((f) => f.severity === 'block' && f.rule !== 'TX-RCP-01')
    .map((f) => f.rule);

forEachDatabase('workspace settings: defaults, change (audited), read back', async (store) => {
  const ws = await setUp(store);
  const fresh = await readWorkspaceSettings(store, processSettings, ws);
  assert.deepEqual(
    { ...fresh, transport: fresh.transport.kind },
    {
      rightsMention: null,
      strictPartners: true,
      senders: [],
      defaultSender: null,
      stopCode: null,
      effectiveStopCode: '36180',
      stopMismatch: [],
      defaultPolicy: null,
      effectivePolicy: 'brief',
      transport: 'simulator',
    },
  );
  // A campaign that still mentions 36180 when the code becomes 36111 is named at once.
  const soldes = await createCampaign(
    store,
    { workspace: 'Adv', name: 'Soldes', sender: 'DUPONT', text, audiences: ['tous'] },
    now,
  );
  await changeWorkspaceSettings(
    store,
    null,
    ws,
    {
      senders: [' DUPONT ', 'MEUBLES', '36111'],
      defaultSender: 'DUPONT',
      stopCode: '36111',
      defaultPolicy: 'custom:10:00-19:00,mon-fri',
      rightsMention: 'dup.fr/rgpd',
    },
    now,
  );
  const changed = await readWorkspaceSettings(store, processSettings, ws);
  assert.deepEqual(changed.senders, ['DUPONT', 'MEUBLES', '36111']);
  assert.equal(changed.defaultSender, 'DUPONT');
  assert.equal(changed.effectiveStopCode, '36111');
  assert.deepEqual(changed.stopMismatch, [{ id: soldes.id, name: 'Soldes', state: 'draft' }]);
  assert.equal(changed.effectivePolicy, 'custom:10:00-19:00,mon-fri');
  assert.equal(changed.rightsMention, 'dup.fr/rgpd');
  const [entry] = await listAuditEntries(store.db, ws, { limit: 1 });
  assert.equal(entry?.action, 'workspace.settings');
  assert.deepEqual(JSON.parse(entry!.details), {
    rightsMention: 'dup.fr/rgpd',
    senders: ['DUPONT', 'MEUBLES', '36111'],
    defaultSender: 'DUPONT',
    stopCode: '36111',
    defaultPolicy: 'custom:10:00-19:00,mon-fri',
  });
  // Removing the default sender from the list clears the default; null removes the STOP code.
  await changeWorkspaceSettings(store, null, ws, { senders: ['MEUBLES'], stopCode: null }, now);
  const after = await readWorkspaceSettings(store, processSettings, ws);
  assert.deepEqual([after.senders, after.defaultSender], [['MEUBLES'], null]);
  assert.deepEqual([after.stopCode, after.effectiveStopCode], [null, '36180']);
  assert.deepEqual(after.stopMismatch, [], 'back to the code the campaign mentions');
});

forEachDatabase(
  'workspace settings: every bad field is named, nothing is written',
  async (store) => {
    const ws = await setUp(store);
    const problems = await refusal(store, ws, {
      senders: ['DUPONT', '0612345678', 'PROMO', 'MEUBLES DUPONT', 'DUPONT'],
      defaultSender: 'AUTRE',
      stopCode: '12345',
      defaultPolicy: 'custom:07:00-21:00',
      rightsMention: ' ',
    });
    const fields = problems.map((p) => p.slice(0, p.indexOf(':')));
    assert.deepEqual(fields, [
      'rightsMention',
      'senders.1',
      'senders.2',
      'senders.3',
      'senders.4',
      'defaultSender',
      'stopCode',
      'defaultPolicy',
    ]);
    assert.match(problems[1]!, /numéro de mobile/);
    assert.match(problems[2]!, /générique/);
    assert.match(problems[3]!, /espace/);
    assert.match(problems[4]!, /déjà/);
    assert.match(problems[7]!, /looser than the FR floor/);
    const unchanged = await readWorkspaceSettings(store, processSettings, ws);
    assert.deepEqual(
      [unchanged.senders, unchanged.stopCode, unchanged.rightsMention],
      [[], null, null],
    );
    // The process deny list (TEXTO_SENDER_DENYLIST) replaces the default one.
    await changeWorkspaceSettings(store, null, ws, { senders: ['PROMO'] }, now, ['DUPONT']);
    const denied = await changeWorkspaceSettings(store, null, ws, { senders: ['DUPONT'] }, now, [
      'DUPONT',
    ]).catch((e: Error) => e.message);
    assert.match(String(denied), /^senders\.0: .*générique/);
  },
);

forEachDatabase(
  'workspace settings drive campaigns: defaults, STOP code, approved senders',
  async (store) => {
    const ws = await setUp(store);
    const base = { workspace: 'Adv', name: 'Soldes', text, audiences: ['tous'] };
    // Nothing set: the sender is required and any valid sender with the process STOP code passes.
    await assert.rejects(createCampaign(store, base, now), /sender/);
    const before = await createCampaign(store, { ...base, sender: 'AUTRE' }, now);
    assert.equal(before.policy, 'brief');
    const open = await preflightCampaign(store, policy, { workspace: 'Adv', id: before.id }, now);
    assert.deepEqual(rulesOf(open), []);

    await changeWorkspaceSettings(
      store,
      null,
      ws,
      { senders: ['DUPONT'], defaultSender: 'DUPONT', stopCode: '36111', defaultPolicy: 'charter' },
      now,
    );
    const made = await createCampaign(store, base, now);
    assert.deepEqual([made.sender, made.policy], ['DUPONT', 'charter']);
    const given = await createCampaign(store, { ...base, sender: 'AUTRE', policy: 'brief' }, now);
    assert.deepEqual([given.sender, given.policy], ['AUTRE', 'brief']);

    // The same text now names the wrong STOP code, and AUTRE is not approved.
    const report = await preflightCampaign(store, policy, { workspace: 'Adv', id: given.id }, now);
    assert.deepEqual(rulesOf(report).sort(), ['FR-MSG-02', 'TX-SND-01']);
    const unapproved = report.findings.find((f) => f.rule === 'TX-SND-01')!;
    assert.match(unapproved.message, /« AUTRE » n’est pas parmi les expéditeurs approuvés.*DUPONT/);
    assert.match(report.findings.find((f) => f.rule === 'FR-MSG-02')!.message, /36111/);
    const approved = await preflightCampaign(store, policy, { workspace: 'Adv', id: made.id }, now);
    assert.deepEqual(rulesOf(approved), ['FR-MSG-02']);

    // The composer's check agrees: workspace STOP code, approved senders.
    const check = await checkWorkspaceMessage(store, policyConfig, ws, { text, sender: 'AUTRE' });
    assert.equal(check.ok, false);
    assert.deepEqual(check.violations.map((v) => v.rule).sort(), ['FR-MSG-02', 'TX-SND-01']);
    const fixed = await checkWorkspaceMessage(store, policyConfig, ws, {
      text: text.replace('36180', '36111'),
      sender: 'DUPONT',
    });
    assert.equal(fixed.ok, true, JSON.stringify(fixed.violations));
  },
);

test('the transport view never shows a password, a system id, a user name or a URL path', () => {
  const smpp = describeTransport(
    'smpps://texto01:s3cr3t@smsc.example.fr:3551?tps=250&binds=2&long=sar&window=20',
  );
  assert.deepEqual(smpp, {
    kind: 'smpp',
    host: 'smsc.example.fr',
    port: 3551,
    tps: 250,
    binds: 2,
    window: 20,
    longMessages: 'sar',
    bindMode: 'transceiver',
    tls: true,
  });
  const kannel = describeTransport(
    'kannel+https://gw.example.fr/cgi-bin/sendsms?username=bob&password=hunter2&smsc=orange',
  );
  assert.deepEqual(
    [kannel.kind, kannel.host, kannel.port, kannel.tls],
    ['kannel', 'gw.example.fr', 443, true],
  );
  const hook = describeTransport('webhook+https://api.example.fr/sms/tok_abcdef?key=zzz');
  const shown = JSON.stringify([smpp, kannel, hook]);
  for (const secret of ['s3cr3t', 'texto01', 'bob', 'hunter2', 'tok_abcdef', 'zzz']) {
    assert.ok(!shown.includes(secret), `${secret} leaked`);
  }
  assert.equal(describeTransport('simulator').kind, 'simulator');
});

forEachDatabase(
  'FR-MSG-01: campaigns that do not name the advertiser are warned',
  async (store) => {
    const ws = await setUp(store);
    const anonymous = '-20% ce week-end ! STOP au 36180';
    const base = { workspace: 'Adv', name: 'Soldes', text: anonymous, audiences: ['tous'] };
    const hidden = await createCampaign(store, { ...base, sender: 'SOLDES' }, now);
    const warned = await preflightCampaign(store, policy, { workspace: 'Adv', id: hidden.id }, now);
    const finding = warned.findings.find((f) => f.rule === 'FR-MSG-01');
    assert.equal(finding?.severity, 'warn');
    assert.match(finding!.message, /« SOLDES ».*« Dupont SA »/);
    // Named by the sender, or by the text: nothing to say.
    const bySender = await createCampaign(store, { ...base, sender: 'DUPONT' }, now);
    const byText = await createCampaign(store, { ...base, sender: 'SOLDES', text }, now);
    for (const named of [bySender, byText]) {
      const report = await preflightCampaign(
        store,
        policy,
        { workspace: 'Adv', id: named.id },
        now,
      );
      assert.ok(!report.findings.some((f) => f.rule === 'FR-MSG-01'), named.text);
    }
    // The composer says so as it is typed, for promotional messages.
    const typed = await checkWorkspaceMessage(store, policyConfig, ws, {
      text: anonymous,
      sender: 'SOLDES',
    });
    assert.ok(typed.violations.some((v) => v.rule === 'FR-MSG-01' && v.severity === 'warn'));
    const notice = await checkWorkspaceMessage(store, policyConfig, ws, {
      text: 'Votre colis est arrivé.',
      sender: 'SOLDES',
      purpose: 'transactional',
    });
    assert.ok(!notice.violations.some((v) => v.rule === 'FR-MSG-01'));
    // The workspace made on first run has no identity to look for until it is given one.
    await saveAudience(store, { workspace: 'default', name: 'tous', filter: { all: [] } }, now);
    const unnamed = await createCampaign(
      store,
      { ...base, workspace: 'default', sender: 'SOLDES' },
      now,
    );
    const report = await preflightCampaign(
      store,
      policy,
      { workspace: 'default', id: unnamed.id },
      now,
    );
    assert.ok(!report.findings.some((f) => f.rule === 'FR-MSG-01'));
  },
);
