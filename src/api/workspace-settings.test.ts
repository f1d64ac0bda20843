import assert from 'node:assert/strict';
import { loadConfig } from '../config.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { assertEnvelope, type Caller, setUpApi } from './api-test-kit.ts';

/**
 * GET/PATCH /settings (issue 10): who may read and change, field-named refusals, the audit
 * entry, the transport shown without its secrets, and the message check using the result.
 */
const config = loadConfig({
  TEXTO_STOP_CODE: '36180',
  TEXTO_TRANSPORT: 'smpp://texto01:s3cr3t@smsc.example.fr:2775?tps=50&binds=2&long=payload',
});

forEachDatabase(
  'settings API: roles, field-named errors, audit, no transport secret',
  async (store) => {
    const t = await setUpApi(store, config);
    const ws = `/api/workspaces/${t.a.id}/settings`;
    const cases: Array<[string, Caller, 'GET' | 'PATCH', number]> = [
      ['owner reads', t.sessions.ownerA, 'GET', 200],
      ['analyst reads', t.sessions.analystA, 'GET', 200],
      ['marketer key reads', t.keys.a, 'GET', 200],
      ['marketer may not change', t.sessions.marketerA, 'PATCH', 403],
      ['analyst may not change', t.sessions.analystA, 'PATCH', 403],
      ['another workspace is unknown', t.sessions.ownerB, 'GET', 404],
      ['owner changes', t.sessions.ownerA, 'PATCH', 200],
    ];
    for (const [what, caller, method, status] of cases) {
      const body = method === 'PATCH' ? { stopCode: '36111' } : undefined;
      const res = await t.call(method, ws, caller, body ? { body } : {});
      assert.equal(res.status, status, `${what}: ${res.text}`);
    }

    const read = await t.call('GET', ws, t.sessions.analystA);
    assert.equal(read.json.stopCode, '36111');
    assert.equal(read.json.effectiveStopCode, '36111');
    assert.deepEqual(read.json.transport, {
      kind: 'smpp',
      host: 'smsc.example.fr',
      port: 2775,
      tps: 50,
      binds: 2,
      window: 10,
      longMessages: 'payload',
      bindMode: 'transceiver',
      tls: false,
    });
    assert.ok(!read.text.includes('s3cr3t') && !read.text.includes('texto01'), read.text);

    const bad = await t.call('PATCH', ws, t.sessions.ownerA, {
      body: { senders: ['DUPONT', '0612345678'], stopCode: '999' },
    });
    assertEnvelope(bad, 400, 'invalid_input');
    const problems: string[] = bad.json.error.details.problems;
    assert.deepEqual(
      problems.map((p) => p.split(':')[0]),
      ['senders.1', 'stopCode'],
    );
    const unknown = await t.call('PATCH', ws, t.sessions.ownerA, { body: { stopcode: '36111' } });
    assertEnvelope(unknown, 400, 'invalid_input');
    assert.match(unknown.json.error.message, /unknown field\(s\) stopcode/);

    const changed = await t.call('PATCH', ws, t.sessions.ownerA, {
      body: { senders: ['DUPONT', 'MEUBLES'], defaultSender: 'MEUBLES', defaultPolicy: 'charter' },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(
      [changed.json.senders, changed.json.defaultSender, changed.json.effectivePolicy],
      [['DUPONT', 'MEUBLES'], 'MEUBLES', 'charter'],
    );
    const audit = await t.call('GET', `/api/workspaces/${t.a.id}/audit-log`, t.sessions.ownerA);
    const last = audit.json.items.find(
      (e: { action: string }) => e.action === 'workspace.settings',
    );
    assert.deepEqual(last.details, {
      senders: ['DUPONT', 'MEUBLES'],
      defaultSender: 'MEUBLES',
      defaultPolicy: 'charter',
    });

    // The composer's check now uses the workspace STOP code and approved senders; the text
    // names no advertiser either (FR-MSG-01, a warning).
    const check = await t.call('POST', `/api/workspaces/${t.a.id}/messages/check`, t.keys.a, {
      body: { text: 'Soldes ! STOP au 36180', sender: 'AUTRE' },
    });
    assert.equal(check.status, 200, check.text);
    assert.equal(check.json.ok, false);
    assert.deepEqual(check.json.violations.map((v: { rule: string }) => v.rule).sort(), [
      'FR-MSG-01',
      'FR-MSG-02',
      'TX-SND-01',
    ]);
    // Workspace B keeps the process STOP code and any sender.
    const other = await t.call('POST', `/api/workspaces/${t.b.id}/messages/check`, t.keys.b, {
      body: { text: 'Soldes ! STOP au 36180', sender: 'AUTRE' },
    });
    assert.equal(other.json.ok, true, other.text);
  },
);
