import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { settleJobs } from '../services/jobs.ts';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { type Answer, assertEnvelope, type Caller, setUpApi } from './api-test-kit.ts';
import { contactsCsv } from './contacts-fixture.ts';

/**
 * Every resource of issue 9 through `app.request()`: contacts (import job, rejects, count,
 * show, export), consent proof, suppression, audiences, jobs, webhooks, campaigns; refused
 * calls per role and another workspace's resources (404) — rules OPT-01, LIST-05.
 */
const config = loadConfig({
  TEXTO_STOP_CODE: '36180',
  TEXTO_DATA_DIR: mkdtempSync(join(tmpdir(), 'texto-api-res-')),
});

async function upload(
  t: Awaited<ReturnType<typeof setUpApi>>,
  path: string,
  caller: { key: string },
  body: BodyInit,
  type?: string,
) {
  const res = await t.api.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${caller.key}`, ...(type ? { 'content-type': type } : {}) },
    body,
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

/** Polls a job until it is finished (jobs run in this process). */
async function finished(
  t: Awaited<ReturnType<typeof setUpApi>>,
  ws: string,
  id: string,
  as: Caller,
) {
  await settleJobs();
  const r = await t.call('GET', `${ws}/jobs/${id}`, as);
  assert.equal(r.status, 200, r.text);
  assert.ok(['succeeded', 'failed'].includes(r.json.state), r.text);
  return r.json;
}

forEachDatabase(
  'contacts: CSV import as a job, rejects, count, show, export',
  async (store: Store) => {
    const t = await setUpApi(store, config);
    const ws = `/api/workspaces/${t.a.id}`;
    const started = await upload(t, `${ws}/contacts/imports`, t.keys.a, contactsCsv, 'text/csv');
    assert.equal(started.status, 201, JSON.stringify(started.json));
    assert.equal(started.json.kind, 'contact_import');
    assert.ok(['queued', 'running'].includes(started.json.state));
    const job = await finished(t, ws, started.json.id, t.keys.a);
    assert.equal(job.state, 'succeeded', JSON.stringify(job));
    assert.equal(job.result.ok, true);
    assert.equal(job.result.summary.imported, 3);
    assert.equal(job.result.summary.rejected, 1);
    assert.equal('rejectsFile' in job.result.summary, false, 'no server path leaks');
    assert.equal(job.progress, 1);
    assert.equal(job.hasRejects, true);
    const rejects = await t.call('GET', `${ws}/jobs/${job.id}/rejects`, t.keys.a);
    assert.equal(rejects.status, 200);
    assert.match(rejects.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(rejects.text, /not-a-number/);
    // The same file as multipart/form-data: the contacts are now unchanged.
    const form = new FormData();
    form.set('file', new Blob([contactsCsv], { type: 'text/csv' }), 'contacts.csv');
    const again = await upload(t, `${ws}/contacts/imports`, t.keys.a, form);
    assert.equal(again.status, 201, JSON.stringify(again.json));
    const second = await finished(t, ws, again.json.id, t.keys.a);
    assert.equal(second.result.summary.unchanged, 3, JSON.stringify(second));
    // The ledger names the upload by its job (the server's copy has a random name).
    const proof = await t.call('GET', `${ws}/consent/0612345678`, t.keys.a);
    assert.equal(proof.json.events[0].origin, `import:upload ${job.id}`, proof.text);
    // Bad uploads.
    assertEnvelope(
      await upload(t, `${ws}/contacts/imports`, t.keys.a, '', 'text/csv'),
      400,
      'invalid_input',
    );
    assertEnvelope(
      await upload(t, `${ws}/contacts/imports`, t.keys.a, '{}', 'application/json'),
      400,
      'invalid_input',
    );
    // A bad mapping is refused at once (400), not in a job after a 201.
    const badMap = await upload(
      t,
      `${ws}/contacts/imports?map=${encodeURIComponent('===')}`,
      t.keys.a,
      contactsCsv,
      'text/csv',
    );
    assertEnvelope(badMap, 400, 'invalid_input');
    assert.match(badMap.json.error.message, /^map \(--map\): '===' is not column=field/);
    const listed = await t.call('GET', `${ws}/jobs?limit=1`, t.keys.a);
    assert.equal(listed.json.items[0].id, again.json.id, 'newest first');
    assert.ok(listed.json.nextCursor);
    const next = await t.call(
      'GET',
      `${ws}/jobs?limit=5&cursor=${listed.json.nextCursor}`,
      t.keys.a,
    );
    assert.ok(next.json.items.some((j: Answer) => j.id === job.id));

    assert.deepEqual((await t.call('GET', `${ws}/contacts/count`, t.keys.a)).json, { contacts: 3 });
    const shown = await t.call('GET', `${ws}/contacts/0612345678`, t.keys.a);
    assert.equal(shown.status, 200, shown.text);
    assert.equal(shown.json.phone, '+33612345678');
    assert.equal(shown.json.messageable, true);
    assert.equal(shown.json.department, '75');
    const exported = await t.call('GET', `${ws}/contacts/export`, t.keys.a);
    assert.equal(exported.status, 200);
    assert.equal(exported.text.trim().split('\n').length, 4);
    assert.match(exported.text, /^phone,/);
    // A read-only login reads contacts but does not take the customer file away.
    assertEnvelope(await t.call('GET', `${ws}/contacts/export`, t.keys.analystA), 403, 'forbidden');
    // Who took the file, and the rejects, is in the audit log.
    await t.call('GET', `${ws}/jobs/${job.id}/rejects`, t.keys.a);
    const log = await t.call('GET', `${ws}/audit-log?limit=5`, t.sessions.ownerA);
    const actions = log.json.items.map((e: { action: string; details: unknown }) => [
      e.action,
      e.details,
    ]);
    assert.deepEqual(actions.slice(0, 2), [
      ['job.rejects_download', {}],
      ['contacts.export', { contacts: 3 }],
    ]);
    // Nor through the rejects file, which holds the refused rows as the file gave them.
    assertEnvelope(
      await t.call('GET', `${ws}/jobs/${job.id}/rejects`, t.keys.analystA),
      403,
      'forbidden',
    );
    // Workspace B sees none of it, even with A's job id.
    const bws = `/api/workspaces/${t.b.id}`;
    assertEnvelope(await t.call('GET', `${bws}/jobs/${job.id}`, t.keys.b), 404, 'not_found');
    assertEnvelope(
      await t.call('GET', `${bws}/jobs/${job.id}/rejects`, t.keys.b),
      404,
      'not_found',
    );
    assertEnvelope(await t.call('GET', `${bws}/contacts/0612345678`, t.keys.b), 404, 'not_found');
    assert.deepEqual((await t.call('GET', `${bws}/contacts/count`, t.keys.b)).json, {
      contacts: 0,
    });
    assert.equal(
      (await t.call('GET', `${bws}/contacts/export`, t.keys.b)).text.trim().split('\n').length,
      1,
    );
    // Roles: the analyst reads but cannot import; the provider cannot export the advertiser's… it can
    // (provider role manages contacts of its lists), but it cannot suppress.
    assertEnvelope(
      await upload(t, `${ws}/contacts/imports`, t.keys.analystA, contactsCsv, 'text/csv'),
      403,
      'forbidden',
    );
    const audit = await t.call('GET', `${ws}/audit-log?limit=200`, t.sessions.ownerA);
    assert.equal(audit.json.items.filter((e: Answer) => e.action === 'contacts.import').length, 2);
    // A CRM export has no consent columns: the evidence is given once for the whole file.
    const noConsent = 'Téléphone;Prénom\n0677889911;Zoé\n';
    const refusedFile = await upload(t, `${ws}/contacts/imports`, t.keys.a, noConsent, 'text/csv');
    const refusal = await finished(t, ws, refusedFile.json.id, t.keys.a);
    assert.equal(refusal.result.ok, false);
    assert.match(refusal.result.message, /import form's consent fields/);
    assert.doesNotMatch(refusal.result.message, /--consent-\*/);
    const evidence = new URLSearchParams({
      consent_basis: 'opt_in',
      consent_mechanism: 'unticked_checkbox',
      consent_wording: "J'accepte de recevoir les offres de Dupont Meubles par SMS",
      consent_collected_at: '2026-06-01',
    });
    const withEvidence = await upload(
      t,
      `${ws}/contacts/imports?${evidence}`,
      t.keys.a,
      noConsent,
      'text/csv',
    );
    const imported = await finished(t, ws, withEvidence.json.id, t.keys.a);
    assert.equal(imported.result.summary.imported, 1, JSON.stringify(imported));
    const zoe = await t.call('GET', `${ws}/consent/0677889911`, t.keys.a);
    assert.equal(zoe.json.events[0].wording, evidence.get('consent_wording'), zoe.text);
    // A form's file name is how messages name the file, never the server's path.
    const noPhone = new FormData();
    noPhone.set('file', new Blob(['nom,prenom\nDupont,Jean\n']), 'C:\\Users\\me\\clients.csv');
    const bad = await upload(t, `${ws}/contacts/imports`, t.keys.a, noPhone);
    const failed = await finished(t, ws, bad.json.id, t.keys.a);
    assert.equal(failed.state, 'failed');
    assert.match(
      failed.error,
      new RegExp(`^no phone column in clients\\.csv \\(upload ${bad.json.id}\\)`),
    );
  },
);

forEachDatabase('suppression, consent proof and opt-out (OPT-01)', async (store: Store) => {
  const t = await setUpApi(store, config);
  const ws = `/api/workspaces/${t.a.id}`;
  await upload(t, `${ws}/contacts/imports`, t.keys.a, contactsCsv, 'text/csv');
  await settleJobs();
  const add = await t.call('POST', `${ws}/suppressions`, t.keys.a, {
    body: { phone: '06 98 76 54 32', reason: 'manual', note: 'asked by phone' },
  });
  assert.equal(add.status, 201, add.text);
  assert.deepEqual(add.json, { added: true, phone: '+33698765432', reason: 'manual' });
  const list = await t.call('GET', `${ws}/suppressions`, t.keys.analystA);
  assert.deepEqual(
    list.json.items.map((s: Answer) => [s.phone, s.reason, s.masked]),
    [['+33698765432', 'manual', false]],
  );
  assert.equal(
    (await t.call('GET', `${ws}/contacts/0698765432`, t.keys.a)).json.messageable,
    false,
  );
  assertEnvelope(
    await t.call('DELETE', `${ws}/suppressions/0698765432`, t.keys.analystA),
    403,
    'forbidden',
  );
  assertEnvelope(
    await t.call('DELETE', `/api/workspaces/${t.b.id}/suppressions/0698765432`, t.keys.b),
    404,
    'not_found',
  );
  const lifted = await t.call('DELETE', `${ws}/suppressions/0698765432`, t.keys.a);
  assert.deepEqual(lifted.json, { lifted: true, phone: '+33698765432' });
  const optOut = await t.call('POST', `${ws}/consent/0612345678/opt-out`, t.keys.a, {
    body: { channel: 'phone' },
  });
  assert.equal(optOut.status, 201, optOut.text);
  assert.equal(optOut.json.state.status, 'withdrawn');
  const proof = await t.call('GET', `${ws}/consent/+33612345678`, t.keys.analystA);
  assert.equal(proof.status, 200, proof.text);
  assert.equal(proof.json.chainValid, true);
  assert.ok(proof.json.events.length >= 2);
  // A STOP is lifted only by a new opt-in: refused by hand.
  await t.call('POST', `${ws}/suppressions`, t.keys.a, {
    body: { phone: '0744556677', reason: 'stop' },
  });
  assertEnvelope(await t.call('DELETE', `${ws}/suppressions/0744556677`, t.keys.a), 422, 'refused');
  assertEnvelope(
    await t.call('GET', `/api/workspaces/${t.b.id}/consent/0612345678`, t.keys.b),
    404,
    'not_found',
  );
  assertEnvelope(
    await t.call('POST', `${ws}/suppressions`, t.sessions.providerA, {
      body: { phone: '0612345678' },
    }),
    403,
    'forbidden',
  );
  const actions = (
    await t.call('GET', `${ws}/audit-log?limit=200`, t.sessions.ownerA)
  ).json.items.map((e: Answer) => e.action);
  for (const a of ['suppression.add', 'suppression.lift', 'consent.opt_out'])
    assert.ok(actions.includes(a), a);
});

forEachDatabase(
  'audiences and campaigns: count, save, preflight, plan, schedule, cancel',
  async (store: Store) => {
    const t = await setUpApi(store, config);
    const ws = `/api/workspaces/${t.a.id}`;
    await upload(t, `${ws}/contacts/imports`, t.keys.a, contactsCsv, 'text/csv');
    await settleJobs();
    const filter = { field: 'department', in: ['75', '92'] };
    const count = await t.call('POST', `${ws}/audiences/count`, t.keys.analystA, {
      body: { filter, breakdown: ['department'], sample: 5 },
    });
    assert.equal(count.status, 200, count.text);
    assert.equal(count.json.matched, 2);
    assert.equal(count.json.reachable, 2);
    assert.deepEqual(count.json.breakdown.department, { '75': 1, '92': 1 });
    assert.equal(count.json.sample.length, 2);
    // A read-only login sees the sample's numbers masked; one that may export sees them whole.
    for (const row of count.json.sample) assert.match(row.phone, /^\+33 •+ \d\d$/);
    const whole = await t.call('POST', `${ws}/audiences/count`, t.keys.a, {
      body: { filter, sample: 5 },
    });
    for (const row of whole.json.sample) assert.match(row.phone, /^\+33\d{9}$/);
    // The server's column cache warms in the background and then answers the same numbers.
    let again = count;
    for (let i = 0; i < 50 && again.json.engine !== 'columns'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      again = await t.call('POST', `${ws}/audiences/count`, t.keys.analystA, {
        body: { filter, breakdown: ['department'] },
      });
    }
    assert.equal(again.json.engine, 'columns');
    assert.deepEqual(
      [again.json.matched, again.json.reachable, again.json.breakdown],
      [count.json.matched, count.json.reachable, count.json.breakdown],
    );
    assertEnvelope(
      await t.call('POST', `${ws}/audiences/count`, t.keys.a, {
        body: { filter: { field: 'shoe', eq: 1 } },
      }),
      400,
      'invalid_input',
    );
    assertEnvelope(
      await t.call('POST', `${ws}/audiences`, t.keys.analystA, { body: { name: 'x', filter } }),
      403,
      'forbidden',
    );
    const saved = await t.call('POST', `${ws}/audiences`, t.keys.a, {
      body: { name: 'Paris', filter },
    });
    assert.equal(saved.status, 201, saved.text);
    assert.equal(saved.json.created, true);
    assert.deepEqual(
      (await t.call('GET', `${ws}/audiences`, t.keys.a)).json.items.map((a: Answer) => a.name),
      ['Paris'],
    );
    assert.equal((await t.call('GET', `${ws}/audiences/Paris`, t.keys.a)).json.name, 'Paris');
    assertEnvelope(
      await t.call('GET', `/api/workspaces/${t.b.id}/audiences/Paris`, t.keys.b),
      404,
      'not_found',
    );

    const body = {
      name: 'Soldes',
      sender: 'DUPONT',
      text: 'Dupont: -20% ce samedi ! STOP au 36180',
      audiences: ['Paris'],
      start: '2026-12-01T09:00:00Z',
    };
    assertEnvelope(
      await t.call('POST', `${ws}/campaigns`, t.keys.analystA, { body }),
      403,
      'forbidden',
    );
    // A name that hides or rewrites itself (a direction override, NUL, an escape sequence).
    for (const name of ['a\u202eb', 'a\u0000b', '\u001b[31mred']) {
      const odd = await t.call('POST', `${ws}/campaigns`, t.keys.a, { body: { ...body, name } });
      assertEnvelope(odd, 400, 'invalid_input');
      assert.match(odd.text, /control characters and direction overrides/);
    }
    const created = await t.call('POST', `${ws}/campaigns`, t.keys.a, { body });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.state, 'draft');
    assert.equal(created.json.policy, 'brief', 'the policy is shown');
    // The window policy is chosen at creation, as the command line allows.
    const charter = await t.call('POST', `${ws}/campaigns`, t.keys.a, {
      body: { ...body, name: 'Charte', policy: 'charter' },
    });
    assert.equal(charter.status, 201, charter.text);
    assert.equal(charter.json.policy, 'charter');
    assertEnvelope(
      await t.call('POST', `${ws}/campaigns`, t.keys.a, { body: { ...body, policy: 'late' } }),
      400,
      'invalid_input',
    );
    const c = `${ws}/campaigns/${created.json.id}`;
    const pre = await t.call('POST', `${c}/preflight`, t.keys.analystA);
    assert.equal(pre.status, 200, pre.text);
    assert.equal(pre.json.recipients.eligible, 2);
    const plan = await t.call('GET', `${c}/plan?limit=1`, t.keys.a);
    assert.equal(plan.status, 200, plan.text);
    assert.equal(plan.json.source, 'computed');
    assert.equal(plan.json.items.length, 1);
    const plan2 = await t.call('GET', `${c}/plan?limit=1&cursor=${plan.json.nextCursor}`, t.keys.a);
    assert.equal(plan2.json.items.length, 1);
    assert.notEqual(plan2.json.items[0].to, plan.json.items[0].to);
    assert.equal(plan2.json.nextCursor, null);
    // The analyst reads the plan, its numbers masked: paging it must not carry the file off.
    const read = await t.call('GET', `${c}/plan`, t.keys.analystA);
    assert.equal(read.json.items.length, 2);
    for (const line of read.json.items) assert.match(line.to, /^\+33 •+ \d\d$/);
    assert.match(plan.json.items[0].to, /^\+33\d{9}$/);
    // Another workspace cannot see, schedule or cancel it.
    const bc = `/api/workspaces/${t.b.id}/campaigns/${created.json.id}`;
    for (const [m, p] of [
      ['GET', bc],
      ['POST', `${bc}/preflight`],
      ['POST', `${bc}/schedule`],
      ['POST', `${bc}/cancel`],
      ['GET', `${bc}/status`],
      ['GET', `${bc}/certificate`],
    ] as const) {
      assertEnvelope(await t.call(m, p, t.keys.b), 404, 'not_found');
    }
    assertEnvelope(await t.call('POST', `${c}/schedule`, t.keys.analystA), 403, 'forbidden');
    const scheduled = await t.call('POST', `${c}/schedule`, t.keys.a);
    assert.equal(scheduled.status, 200, scheduled.text);
    assert.equal(scheduled.json.ok, true, scheduled.text);
    assert.equal(scheduled.json.messages, 2);
    const status = await t.call('GET', `${c}/status`, t.keys.analystA);
    assert.equal(status.json.total, 2);
    assert.equal(status.json.state, 'scheduled');
    const report = await t.call('GET', `${c}/report`, t.keys.a);
    assert.equal(report.json.campaign.id, created.json.id);
    const stored = await t.call('GET', `${c}/plan`, t.keys.a);
    assert.equal(stored.json.source, 'stored');
    const twice = await t.call('POST', `${c}/schedule`, t.keys.a);
    assert.equal(twice.json.ok, false);
    const paused = await t.call('POST', `${c}/pause`, t.keys.a);
    assert.equal(paused.status, 200, paused.text);
    const cancelled = await t.call('POST', `${c}/cancel`, t.keys.a);
    assert.equal(cancelled.json.ok, true, cancelled.text);
    assert.equal(cancelled.json.cancelledMessages, 2);
    const cert = await t.call('GET', `${c}/certificate`, t.keys.analystA);
    assert.equal(cert.status, 200, cert.text.slice(0, 300));
    assert.match(cert.headers.get('content-type') ?? '', /text\/html/);
    assert.match(cert.text, /^<!doctype html>/i, 'the certificate itself, not a file path');
    const actions = (
      await t.call('GET', `${ws}/audit-log?limit=200`, t.sessions.ownerA)
    ).json.items.map((e: Answer) => e.action);
    for (const a of ['campaign.schedule', 'campaign.cancel']) assert.ok(actions.includes(a), a);
    assert.deepEqual((await t.call('GET', `${ws}/inbound`, t.keys.a)).json, {
      items: [],
      nextCursor: null,
    });
  },
);

forEachDatabase(
  'webhooks: create (secret once), list, deliveries, delete; roles',
  async (store: Store) => {
    const t = await setUpApi(store, config);
    const ws = `/api/workspaces/${t.a.id}`;
    assertEnvelope(
      await t.call('POST', `${ws}/webhooks`, t.keys.analystA, {
        body: { url: 'https://h.example/x' },
      }),
      403,
      'forbidden',
    );
    assertEnvelope(
      await t.call('POST', `${ws}/webhooks`, t.keys.a, { body: { url: 'ftp://h.example/x' } }),
      400,
      'invalid_input',
    );
    // Credentials in the URL would be shown to every member listing the webhooks.
    const withUser = await t.call('POST', `${ws}/webhooks`, t.keys.a, {
      body: { url: 'https://user:pass@h.example/x' },
    });
    assertEnvelope(withUser, 400, 'invalid_input');
    assert.match(withUser.text, /carries no user or password/);
    const made = await t.call('POST', `${ws}/webhooks`, t.keys.a, {
      body: { url: 'https://hooks.example/texto?token=abc', events: ['reply.stop'] },
    });
    assert.equal(made.status, 201, made.text);
    assert.match(made.json.secret, /^whsec_/);
    const list = await t.call('GET', `${ws}/webhooks`, t.keys.a);
    assert.equal(list.json.items.length, 1);
    assert.equal(list.text.includes(made.json.secret), false, 'the secret is shown once');
    assertEnvelope(await t.call('GET', `${ws}/webhooks`, t.keys.analystA), 403, 'forbidden');
    assert.deepEqual((await t.call('GET', `${ws}/webhooks/deliveries`, t.keys.a)).json.items, []);
    const id = made.json.webhook.id;
    assertEnvelope(
      await t.call('DELETE', `/api/workspaces/${t.b.id}/webhooks/${id}`, t.keys.b),
      404,
      'not_found',
    );
    assert.equal((await t.call('DELETE', `${ws}/webhooks/${id}`, t.keys.a)).status, 200);
    assert.equal((await t.call('GET', `${ws}/webhooks`, t.keys.a)).json.items.length, 0);
    const audit = await t.call('GET', `${ws}/audit-log?limit=50`, t.sessions.ownerA);
    assert.equal(audit.text.includes('token=abc'), false, 'URL queries stay out of the audit log');
    assert.equal(audit.text.includes(made.json.secret), false);
  },
);
