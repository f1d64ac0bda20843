import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { type Answer, assertEnvelope, setUpApi } from './api-test-kit.ts';

/**
 * The campaign list, the edit of a draft and the composer's worst case through the API:
 * pages and cursor, state filter, roles (analysts read, only marketers and owners edit,
 * providers see none of it), the refusal of a non-draft, the audit entry, another workspace.
 */
const config = loadConfig({
  TEXTO_STOP_CODE: '36180',
  TEXTO_DATA_DIR: mkdtempSync(join(tmpdir(), 'texto-api-cmp-')),
});

async function addContacts(store: Store, workspaceId: string, names: string[]) {
  for (const [i, first_name] of names.entries()) {
    await store.db
      .insertInto('contacts')
      .values({
        workspace_id: workspaceId,
        list_id: null,
        phone: `+3360000010${i}`,
        first_name,
        consent_status: 'granted',
        consent_basis: 'consent',
        source: 'first_party',
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      } as never)
      .execute();
  }
}

forEachDatabase('campaigns API: list, edit a draft, worst case, with roles', async (store) => {
  const t = await setUpApi(store, config);
  const ws = `/api/workspaces/${t.a.id}`;
  await addContacts(store, t.a.id, ['Jean', 'Marie-Christine']);
  const saved = await t.call('POST', `${ws}/audiences`, t.keys.a, {
    body: { name: 'tous', filter: { all: [] } },
  });
  assert.equal(saved.status, 201, saved.text);
  const body = {
    sender: 'DUPONT',
    text: 'Dupont: -20% ce samedi ! STOP au 36180',
    audiences: ['tous'],
    start: '2026-12-01T09:00:00Z',
  };
  const ids: string[] = [];
  for (const name of ['Un', 'Deux', 'Trois']) {
    const created = await t.call('POST', `${ws}/campaigns`, t.keys.a, { body: { ...body, name } });
    assert.equal(created.status, 201, created.text);
    ids.push(created.json.id);
    t.advance(1000);
  }

  // The list: newest first, two pages, analysts may read it, providers may not.
  const page1 = await t.call('GET', `${ws}/campaigns?limit=2`, t.keys.analystA);
  assert.equal(page1.status, 200, page1.text);
  assert.deepEqual(
    page1.json.items.map((c: Answer) => c.name),
    ['Trois', 'Deux'],
  );
  assert.equal(page1.json.items[0].state, 'draft');
  assert.equal(page1.json.items[0].recipients, null);
  const page2 = await t.call(
    'GET',
    `${ws}/campaigns?limit=2&cursor=${page1.json.nextCursor}`,
    t.keys.a,
  );
  assert.deepEqual(
    page2.json.items.map((c: Answer) => c.id),
    [ids[0]],
  );
  assert.equal(page2.json.nextCursor, null);
  assertEnvelope(await t.call('GET', `${ws}/campaigns`, t.sessions.providerA), 403, 'forbidden');
  const badState = await t.call('GET', `${ws}/campaigns?state=finished`, t.keys.a);
  assertEnvelope(badState, 400, 'invalid_input');
  assert.match(JSON.stringify(badState.json.error), /state/);
  assertEnvelope(
    await t.call('GET', `${ws}/campaigns?cursor=forged`, t.keys.a),
    400,
    'invalid_input',
  );

  // The edit of a draft: persisted, audited, refused to analysts and to another workspace.
  const c = `${ws}/campaigns/${ids[0]}`;
  const edited = await t.call('PATCH', c, t.sessions.marketerA, {
    body: { name: 'Un (corrigé)', text: 'Dupont: -30% ce samedi ! STOP au 36180' },
  });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.json.name, 'Un (corrigé)');
  const shown = await t.call('GET', c, t.keys.analystA);
  assert.equal(shown.json.text, 'Dupont: -30% ce samedi ! STOP au 36180');
  assert.notEqual(shown.json.updatedAt, shown.json.createdAt);
  assertEnvelope(
    await t.call('PATCH', c, t.keys.analystA, { body: { name: 'x' } }),
    403,
    'forbidden',
  );
  assertEnvelope(
    await t.call('PATCH', `/api/workspaces/${t.b.id}/campaigns/${ids[0]}`, t.keys.b, {
      body: { name: 'x' },
    }),
    404,
    'not_found',
  );
  assertEnvelope(await t.call('PATCH', c, t.keys.a, { body: {} }), 400, 'invalid_input');
  const badTps = await t.call('PATCH', c, t.keys.a, { body: { tps: -1 } });
  assertEnvelope(badTps, 400, 'invalid_input');
  assert.match(JSON.stringify(badTps.json.error), /tps/);
  const audit = await t.call('GET', `${ws}/audit-log?limit=50`, t.sessions.ownerA);
  const entry = audit.json.items.find((e: Answer) => e.action === 'campaign.edit');
  assert.deepEqual(entry?.details.fields.sort(), ['name', 'text']);
  assert.equal(entry?.target.id, ids[0]);

  // Once scheduled, it is not a draft any more: 409 with the way out.
  const scheduled = await t.call('POST', `${c}/schedule`, t.keys.a);
  assert.equal(scheduled.json.ok, true, scheduled.text);
  const late = await t.call('PATCH', c, t.keys.a, { body: { name: 'Trop tard' } });
  assertEnvelope(late, 409, 'conflict');
  assert.match(late.json.error.message, /only a draft can be edited/);
  const listed = await t.call('GET', `${ws}/campaigns?state=scheduled`, t.keys.a);
  assert.deepEqual(
    listed.json.items.map((i: Answer) => [i.id, i.recipients, i.sent]),
    [[ids[0], 2, 0]],
  );

  // The worst case: analysts may ask, providers may not; no audience = every contact.
  const worst = await t.call('POST', `${ws}/messages/worst-case`, t.keys.analystA, {
    body: { text: 'Bonjour {firstName|client} STOP au 36180' },
  });
  assert.equal(worst.status, 200, worst.text);
  assert.equal(worst.json.scope, 'workspace');
  assert.equal(worst.json.units, 'Bonjour Marie-Christine STOP au 36180'.length);
  assert.equal(worst.json.values[0].value, 'Marie-Christine');
  assertEnvelope(
    await t.call('POST', `${ws}/messages/worst-case`, t.sessions.providerA, {
      body: { text: '{firstName}' },
    }),
    403,
    'forbidden',
  );
  const missing = await t.call('POST', `${ws}/messages/worst-case`, t.keys.a, {
    body: { audiences: ['tous'] },
  });
  assertEnvelope(missing, 400, 'invalid_input');
  assert.match(JSON.stringify(missing.json.error), /text/);
});
