import assert from 'node:assert/strict';
import { insertApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import * as auditLog from './audit-log.ts';
import { deleteMember, insertMember, listMembers, updateMemberRole } from './members.ts';
import { forEachDatabase, testEpoch } from './test-databases.ts';
import { insertUser } from './users.ts';
import { insertWorkspace } from './workspaces.ts';

const at = testEpoch.toISOString();

forEachDatabase('account tables: every read and write is scoped by workspace', async (store) => {
  const a = await insertWorkspace(store.db, { name: 'A' }, testEpoch);
  const b = await insertWorkspace(store.db, { name: 'B' }, testEpoch);
  for (const id of ['u1', 'u2']) {
    await insertUser(store.db, {
      id,
      email: `${id}@example.fr`,
      name: null,
      password_hash: 'x',
      is_admin: 0,
      created_at: at,
    });
  }
  await insertMember(store.db, {
    workspace_id: a.id,
    user_id: 'u1',
    role: 'owner',
    created_at: at,
  });
  await insertMember(store.db, {
    workspace_id: b.id,
    user_id: 'u2',
    role: 'owner',
    created_at: at,
  });
  assert.deepEqual(
    (await listMembers(store.db, a.id, { limit: 10 })).map((m) => m.user_id),
    ['u1'],
  );
  assert.equal(await updateMemberRole(store.db, b.id, 'u1', 'analyst'), false);
  assert.equal(await deleteMember(store.db, b.id, 'u1'), false);
  assert.equal((await listMembers(store.db, a.id, { limit: 10 }))[0]!.role, 'owner');

  await insertApiKey(store.db, {
    id: 'key_a',
    workspace_id: a.id,
    name: 'k',
    role: 'owner',
    prefix: 'tx_abcdefgh',
    key_hash: 'h',
    created_by: 'u1',
    created_at: at,
    last_used_at: null,
    revoked_at: null,
  });
  assert.equal(await revokeApiKey(store.db, b.id, 'key_a', testEpoch), undefined);
  assert.deepEqual(await listApiKeys(store.db, b.id, { limit: 10 }), []);
  const [key] = await listApiKeys(store.db, a.id, { limit: 10 });
  assert.equal(key!.revoked_at, null);
  assert.equal('key_hash' in key!, false, 'lists never carry the hash');

  for (const [i, workspace] of [a.id, a.id, b.id, a.id].entries()) {
    await auditLog.appendAuditEntry(store.db, {
      workspace_id: workspace,
      actor_kind: 'system',
      actor_id: null,
      actor_label: null,
      action: `step.${i}`,
      target_kind: null,
      target_id: null,
      at,
      details: '{}',
    });
  }
  const page1 = await auditLog.listAuditEntries(store.db, a.id, { limit: 2 });
  assert.deepEqual(
    page1.map((e) => e.action),
    ['step.3', 'step.1'],
  );
  const page2 = await auditLog.listAuditEntries(store.db, a.id, {
    limit: 2,
    before: Number(page1[1]!.id),
  });
  assert.deepEqual(
    page2.map((e) => e.action),
    ['step.0'],
  );
  // Reads only, each scoped by workspace: an entry of B is not found from A.
  assert.equal(await auditLog.hasAuditEntry(store.db, b.id, 'step.2', 'x'), false);
  await auditLog.appendAuditEntry(store.db, {
    workspace_id: b.id,
    actor_kind: 'system',
    actor_id: null,
    actor_label: null,
    action: 'campaign.paused',
    target_kind: 'campaign',
    target_id: 'cmp_b',
    at,
    details: '{}',
  });
  assert.equal(await auditLog.hasAuditEntry(store.db, b.id, 'campaign.paused', 'cmp_b'), true);
  assert.equal(await auditLog.hasAuditEntry(store.db, a.id, 'campaign.paused', 'cmp_b'), false);
  assert.deepEqual(Object.keys(auditLog).sort(), [
    'appendAuditEntry',
    'hasAuditEntry',
    'listAuditEntries',
  ]);
});
