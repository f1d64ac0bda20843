import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPermitted } from './is-permitted.ts';
import type { Action, ResourceKind } from './permission-matrix.ts';
import { actions, resourceKinds } from './permission-matrix.ts';
import type { Role } from './roles.ts';

const cases: Array<[Role, Action, ResourceKind, boolean]> = [
  ['owner', 'create', 'api_key', true],
  ['owner', 'update', 'member', true],
  ['owner', 'read', 'audit_log', true],
  ['owner', 'create', 'audit_log', false],
  ['owner', 'update', 'consent', false],
  ['marketer', 'create', 'campaign', true],
  ['marketer', 'update', 'member', false],
  ['marketer', 'create', 'member', false],
  ['marketer', 'create', 'api_key', false],
  ['marketer', 'read', 'audit_log', false],
  ['marketer', 'create', 'list', false],
  ['analyst', 'read', 'campaign', true],
  ['analyst', 'read', 'member', true],
  ['analyst', 'read', 'api_key', false],
  ['analyst', 'read', 'webhook', false],
  ['analyst', 'create', 'api_key', false],
  ['provider', 'create', 'list', true],
  ['provider', 'read', 'campaign', false],
  ['provider', 'update', 'suppression', false],
  ['admin', 'create', 'workspace', true],
  ['admin', 'delete', 'api_key', true],
  ['admin', 'create', 'api_key', false],
  ['admin', 'create', 'campaign', false],
  ['admin', 'read', 'contact', true],
  // Taking the customer file away is not reading it.
  ['owner', 'export', 'contact', true],
  ['marketer', 'export', 'contact', true],
  ['provider', 'export', 'contact', true],
  ['analyst', 'export', 'contact', false],
  ['admin', 'export', 'contact', false],
];

test('permission matrix: each role may and may not', () => {
  for (const [role, action, kind, expected] of cases) {
    assert.equal(isPermitted(role, action, kind), expected, `${role} ${action} ${kind}`);
  }
});

test('analyst never writes anything', () => {
  for (const kind of resourceKinds) {
    for (const action of actions.filter((a) => a !== 'read')) {
      assert.equal(isPermitted('analyst', action, kind), false, `${action} ${kind}`);
    }
  }
});
