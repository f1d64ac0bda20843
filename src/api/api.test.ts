import assert from 'node:assert/strict';
import { loadConfig } from '../config.ts';
import { isPermitted } from '../core/account/is-permitted.ts';
import type { Role } from '../core/account/roles.ts';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { assertEnvelope, type Caller, setUpApi, testPassword, testStart } from './api-test-kit.ts';
import type { BucketSpec } from './rate-limit.ts';
import { routes } from './routes.ts';

/**
 * The API through `app.request()` on every test database: authentication, roles, workspace
 * isolation, CSRF, rate limits, the error envelope, pagination and secret-free logs.
 */
const password = testPassword;
const start = testStart;
const config = loadConfig({ TEXTO_STOP_CODE: '36180' });
const setUp = (store: Store, limits?: { login?: BucketSpec; api?: BucketSpec }) =>
  setUpApi(store, config, limits);

forEachDatabase(
  'login sets HttpOnly SameSite=Lax cookies; /api/me; logout ends the session',
  async (store) => {
    const t = await setUp(store);
    const res = await t.api.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ' OwnerA@Example.fr ', password }),
    });
    assert.equal(res.status, 200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('texto_session='))!;
    const csrf = cookies.find((c) => c.startsWith('texto_csrf='))!;
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    assert.match(session, /Path=\//);
    assert.doesNotMatch(csrf, /HttpOnly/);
    const body = (await res.json()) as { csrfToken: string; user: Record<string, unknown> };
    assert.equal(body.user.email, 'ownera@example.fr');
    assert.equal('password_hash' in body.user, false);
    const caller = {
      cookie: [session, csrf].map((c) => c.split(';')[0]).join('; '),
      csrf: body.csrfToken,
    };
    const me = await t.call('GET', '/api/me', caller);
    assert.equal(me.status, 200);
    assert.deepEqual(me.json.workspaces, [{ id: t.a.id, name: 'Meubles Dupont', role: 'owner' }]);
    const out = await t.call('POST', '/api/auth/logout', caller);
    assert.equal(out.status, 200);
    assertEnvelope(await t.call('GET', '/api/me', caller), 401, 'unauthenticated');
    const wrong = await t.call('POST', '/api/auth/login', undefined, {
      body: { email: 'ownera@example.fr', password: 'nope-nope-nope' },
    });
    assertEnvelope(wrong, 401, 'unauthenticated');
    const unknown = await t.call('POST', '/api/auth/login', undefined, {
      body: { email: 'ghost@example.fr', password },
    });
    assert.deepEqual(unknown.json, wrong.json, 'unknown email and wrong password answer alike');
    const keyMe = await t.call('GET', '/api/me', t.keys.a);
    assert.deepEqual(keyMe.json.workspaces, [{ id: t.a.id, role: 'marketer' }]);
  },
);

forEachDatabase(
  'roles: each role is refused what it must be (403), allowed the rest',
  async (store) => {
    const t = await setUp(store);
    const ws = `/api/workspaces/${t.a.id}`;
    const check = { text: 'Dupont: -20% ce samedi ! STOP au 36180', sender: 'DUPONT' };
    const newMember = (n: number) => ({ email: `new${n}@example.fr`, role: 'analyst', password });
    const cases: Array<[string, Caller, string, string, unknown, number]> = [
      [
        'analyst',
        t.sessions.analystA,
        'POST',
        `${ws}/api-keys`,
        { name: 'x', role: 'analyst' },
        403,
      ],
      ['analyst', t.sessions.analystA, 'GET', `${ws}/api-keys`, undefined, 403],
      ['analyst', t.sessions.analystA, 'POST', `${ws}/members`, newMember(1), 403],
      ['analyst', t.sessions.analystA, 'GET', `${ws}/audit-log`, undefined, 403],
      ['analyst', t.sessions.analystA, 'GET', `${ws}/members`, undefined, 200],
      ['analyst', t.sessions.analystA, 'POST', `${ws}/messages/check`, check, 200],
      ['marketer', t.sessions.marketerA, 'POST', `${ws}/members`, newMember(2), 403],
      [
        'marketer',
        t.sessions.marketerA,
        'PATCH',
        `${ws}/members/${t.users.analystA!.id}`,
        { role: 'owner' },
        403,
      ],
      [
        'marketer',
        t.sessions.marketerA,
        'DELETE',
        `${ws}/members/${t.users.analystA!.id}`,
        undefined,
        403,
      ],
      [
        'marketer',
        t.sessions.marketerA,
        'POST',
        `${ws}/api-keys`,
        { name: 'x', role: 'owner' },
        403,
      ],
      ['marketer', t.sessions.marketerA, 'DELETE', `${ws}/api-keys/${t.keyIds.a}`, undefined, 403],
      ['marketer', t.sessions.marketerA, 'GET', `${ws}/audit-log`, undefined, 403],
      ['marketer', t.sessions.marketerA, 'POST', `${ws}/messages/check`, check, 200],
      ['provider', t.sessions.providerA, 'POST', `${ws}/messages/check`, check, 403],
      [
        'provider',
        t.sessions.providerA,
        'POST',
        `${ws}/api-keys`,
        { name: 'x', role: 'provider' },
        403,
      ],
      ['provider', t.sessions.providerA, 'GET', ws, undefined, 200],
      ['admin', t.sessions.admin, 'GET', ws, undefined, 200],
      ['admin', t.sessions.admin, 'POST', `${ws}/api-keys`, { name: 'x', role: 'owner' }, 403],
      ['admin', t.sessions.admin, 'GET', `${ws}/audit-log`, undefined, 200],
      ['admin', t.sessions.admin, 'POST', `${ws}/members`, newMember(3), 201],
      ['analyst key', t.keys.analystA, 'POST', `${ws}/api-keys`, { name: 'x', role: 'owner' }, 403],
      ['analyst key', t.keys.analystA, 'POST', `${ws}/messages/check`, check, 200],
      ['marketer key', t.keys.a, 'POST', '/api/workspaces', { name: 'by key' }, 403],
      ['marketer key', t.keys.a, 'POST', `${ws}/members`, newMember(4), 403],
      ['owner', t.sessions.ownerA, 'POST', `${ws}/api-keys`, { name: 'x', role: 'analyst' }, 201],
      ['owner', t.sessions.ownerA, 'POST', `${ws}/members`, newMember(5), 201],
      ['owner', t.sessions.ownerA, 'GET', `${ws}/audit-log`, undefined, 200],
      ['owner', t.sessions.ownerA, 'POST', `${ws}/messages/check`, check, 200],
    ];
    for (const [who, caller, method, path, body, status] of cases) {
      const r = await t.call(method, path, caller, { body });
      assert.equal(r.status, status, `${who} ${method} ${path}: ${r.text}`);
      if (status === 403) assert.equal(r.json.error.code, 'forbidden');
    }
    const admin = await t.call('GET', ws, t.sessions.admin);
    assert.equal(admin.json.role, 'admin');
    const adminList = await t.call('GET', '/api/workspaces', t.sessions.admin);
    assert.ok(adminList.json.items.length >= 3, 'the platform admin sees every workspace');
    const ownerList = await t.call('GET', '/api/workspaces', t.sessions.ownerA);
    assert.deepEqual(
      ownerList.json.items.map((w: { id: string }) => w.id),
      [t.a.id],
    );
  },
);

/** Every workspace route of the table with its path filled for workspace `id`. */
function workspaceCalls(id: string, ids: { userId: string; keyId: string }) {
  return routes
    .filter((r) => r.operation.auth === 'workspace')
    .map((r) => ({
      method: r.method.toUpperCase(),
      path: r.path
        .replace(':workspaceId', id)
        .replace(':userId', ids.userId)
        .replace(':keyId', ids.keyId),
      body: r.operation.body ? {} : undefined,
    }));
}

forEachDatabase(
  'isolation: another workspace, or a missing one, is 404 on every workspace route',
  async (store) => {
    const t = await setUp(store);
    const calls = workspaceCalls(t.a.id, { userId: t.users.analystA!.id, keyId: t.keyIds.a });
    assert.ok(calls.length >= 10);
    const missing = workspaceCalls('ws_does_not_exist', { userId: 'u', keyId: 'k' });
    for (const caller of [t.sessions.ownerB, t.keys.b]) {
      for (const [i, c] of calls.entries()) {
        const r = await t.call(c.method, c.path, caller, { body: c.body });
        assertEnvelope(r, 404, 'not_found');
        const m = await t.call(missing[i]!.method, missing[i]!.path, caller, { body: c.body });
        assert.equal(m.status, 404);
        assert.equal(
          r.json.error.message.replace(t.a.id, 'X'),
          m.json.error.message.replace('ws_does_not_exist', 'X'),
          'the answer does not reveal that the workspace exists',
        );
      }
    }
    // Through its own workspace path, B cannot reach A's key or A's member either.
    const bws = `/api/workspaces/${t.b.id}`;
    assertEnvelope(
      await t.call('DELETE', `${bws}/api-keys/${t.keyIds.a}`, t.keys.b),
      404,
      'not_found',
    );
    assertEnvelope(
      await t.call('PATCH', `${bws}/members/${t.users.analystA!.id}`, t.keys.b, {
        body: { role: 'owner' },
      }),
      404,
      'not_found',
    );
    assertEnvelope(
      await t.call('DELETE', `${bws}/members/${t.users.analystA!.id}`, t.keys.b),
      404,
      'not_found',
    );
    const stillThere = await t.call('GET', `/api/workspaces/${t.a.id}/api-keys`, t.sessions.ownerA);
    assert.equal(
      stillThere.json.items.find((k: { id: string }) => k.id === t.keyIds.a).revokedAt,
      null,
    );
  },
);

forEachDatabase(
  'credentials: absent, wrong, revoked or expired give 401 on every non-public route',
  async (store) => {
    const t = await setUp(store);
    const guarded = routes.filter((r) => r.operation.auth !== 'public');
    const fill = (p: string) =>
      p.replace(':workspaceId', t.a.id).replace(':userId', 'u').replace(':keyId', 'k');
    const bad: Caller[] = [
      undefined,
      { key: 'tx_thisIsNotAKeyAtAllButLongEnough000' },
      { key: 'not-even-a-key' },
      { cookie: 'texto_session=forged', csrf: 'x' },
    ];
    for (const r of guarded) {
      for (const caller of bad) {
        const res = await t.call(r.method.toUpperCase(), fill(r.path), caller, {
          body: r.operation.body ? {} : undefined,
        });
        assertEnvelope(res, 401, 'unauthenticated');
      }
    }
    const basic = await t.call('GET', '/api/me', undefined, {
      headers: { authorization: 'Basic b3duZXI6cGFzcw==' },
    });
    assert.equal(basic.status, 401);
    // Revoked key.
    const revoke = await t.call(
      'DELETE',
      `/api/workspaces/${t.a.id}/api-keys/${t.keyIds.a}`,
      t.sessions.ownerA,
    );
    assert.equal(revoke.status, 200);
    assert.equal(revoke.json.revokedAt, start.toISOString());
    assertEnvelope(await t.call('GET', '/api/me', t.keys.a), 401, 'unauthenticated');
    // Expired session: 7 days later.
    assert.equal((await t.call('GET', '/api/me', t.sessions.marketerA)).status, 200);
    t.advance(7 * 86_400_000 + 1000);
    assertEnvelope(await t.call('GET', '/api/me', t.sessions.marketerA), 401, 'unauthenticated');
  },
);

forEachDatabase(
  'CSRF: cookie-authenticated unsafe requests need the token and same origin',
  async (store) => {
    const t = await setUp(store);
    const path = `/api/workspaces/${t.a.id}/messages/check`;
    const body = { text: 'Promo STOP au 36180' };
    const noToken = await t.call('POST', path, t.sessions.ownerA, { body, csrf: false });
    assertEnvelope(noToken, 403, 'forbidden');
    assert.match(noToken.json.error.message, /CSRF/);
    const wrong = await t.call('POST', path, t.sessions.ownerA, {
      body,
      csrf: false,
      headers: { 'x-csrf-token': 'guess' },
    });
    assertEnvelope(wrong, 403, 'forbidden');
    const otherUsers = await t.call('POST', path, t.sessions.ownerA, {
      body,
      csrf: false,
      headers: { 'x-csrf-token': (t.sessions.marketerA as { csrf: string }).csrf },
    });
    assertEnvelope(otherUsers, 403, 'forbidden');
    const crossSite = await t.call('POST', path, t.sessions.ownerA, {
      body,
      headers: { origin: 'https://evil.example' },
    });
    assertEnvelope(crossSite, 403, 'forbidden');
    const sameSite = await t.call('POST', path, t.sessions.ownerA, {
      body,
      headers: { origin: 'http://localhost', host: 'localhost' },
    });
    assert.equal(sameSite.status, 200, sameSite.text);
    assert.equal((await t.call('POST', path, t.sessions.ownerA, { body })).status, 200);
    assert.equal(
      (await t.call('GET', `/api/workspaces/${t.a.id}`, t.sessions.ownerA, { csrf: false })).status,
      200,
    );
    assert.equal(
      (await t.call('POST', path, t.keys.a, { body })).status,
      200,
      'API keys need no CSRF token',
    );
    const loginCrossSite = await t.call('POST', '/api/auth/login', undefined, {
      body: { email: 'ownera@example.fr', password },
      headers: { origin: 'https://evil.example' },
    });
    assertEnvelope(loginCrossSite, 403, 'forbidden');
  },
);

forEachDatabase('rate limits: login and API answer 429 with Retry-After', async (store) => {
  const t = await setUp(store, {
    login: { capacity: 3, refillPerSecond: 0.1 },
    api: { capacity: 5, refillPerSecond: 1 },
  });
  const attempt = (ip: string, email = 'ownera@example.fr') =>
    t.call('POST', '/api/auth/login', undefined, {
      body: { email, password: 'wrong-password!' },
      ip,
    });
  for (let i = 0; i < 3; i += 1) assert.equal((await attempt('198.51.100.1')).status, 401);
  const limited = await attempt('198.51.100.1');
  assertEnvelope(limited, 429, 'rate_limited');
  assert.equal(limited.headers.get('retry-after'), '10');
  assert.deepEqual(limited.json.error.details, { retryAfterSeconds: 10 });
  // Same email from other addresses: the per-email bucket is empty too.
  assert.equal((await attempt('198.51.100.2')).status, 429);
  // Another email from another address is untouched.
  assert.equal((await attempt('198.51.100.3', 'marketera@example.fr')).status, 401);
  t.advance(10_000);
  assert.equal((await attempt('198.51.100.1')).status, 401, 'a token came back after 10 s');

  for (let i = 0; i < 5; i += 1)
    assert.equal((await t.call('GET', '/api/me', t.keys.a)).status, 200);
  const api = await t.call('GET', '/api/me', t.keys.a);
  assertEnvelope(api, 429, 'rate_limited');
  assert.equal(api.headers.get('retry-after'), '1');
  assert.equal(
    (await t.call('GET', '/api/me', t.keys.b)).status,
    200,
    'other keys are not affected',
  );
  // Guessing keys from one address is limited by address.
  for (let i = 0; i < 5; i += 1)
    await t.call(
      'GET',
      '/api/me',
      { key: `tx_guess${i}guessguessguessguess` },
      { ip: '203.0.113.9' },
    );
  assert.equal(
    (
      await t.call(
        'GET',
        '/api/me',
        { key: 'tx_guessXguessguessguessguess' },
        { ip: '203.0.113.9' },
      )
    ).status,
    429,
  );
});

forEachDatabase(
  'members and keys: lifecycle, last owner kept, secret shown once, audit log paginated',
  async (store) => {
    const t = await setUp(store);
    const ws = `/api/workspaces/${t.a.id}`;
    const owner = t.sessions.ownerA;
    const created = await t.call('POST', `${ws}/api-keys`, owner, {
      body: { name: 'zapier', role: 'analyst' },
    });
    assert.equal(created.status, 201);
    assert.match(created.json.secret, /^tx_[\w-]{43}$/);
    assert.equal(created.json.apiKey.prefix, created.json.secret.slice(0, 11));
    const list = await t.call('GET', `${ws}/api-keys`, owner);
    assert.equal(list.text.includes(created.json.secret), false, 'the secret is never listed');
    assert.equal(list.text.includes('hash'), false);
    assert.equal((await t.call('GET', `${ws}`, { key: created.json.secret })).status, 200);

    const add = await t.call('POST', `${ws}/members`, owner, {
      body: { email: 'ownerb@example.fr', role: 'marketer' },
    });
    assert.equal(add.status, 201, add.text);
    const dup = await t.call('POST', `${ws}/members`, owner, {
      body: { email: 'ownerb@example.fr', role: 'marketer' },
    });
    assertEnvelope(dup, 409, 'conflict');
    const noPassword = await t.call('POST', `${ws}/members`, owner, {
      body: { email: 'new@example.fr', role: 'analyst' },
    });
    assertEnvelope(noPassword, 400, 'invalid_input');
    const userB = t.users.ownerB!.id;
    const promoted = await t.call('PATCH', `${ws}/members/${userB}`, owner, {
      body: { role: 'owner' },
    });
    assert.equal(promoted.json.role, 'owner');
    assert.equal(
      (await t.call('GET', `/api/workspaces/${t.a.id}`, t.sessions.ownerB)).json.role,
      'owner',
    );
    assert.equal((await t.call('DELETE', `${ws}/members/${userB}`, owner)).status, 200);
    assertEnvelope(
      await t.call('GET', `/api/workspaces/${t.a.id}`, t.sessions.ownerB),
      404,
      'not_found',
    );
    const lastOwner = await t.call('PATCH', `${ws}/members/${t.users.ownerA!.id}`, owner, {
      body: { role: 'analyst' },
    });
    assertEnvelope(lastOwner, 422, 'refused');
    assertEnvelope(
      await t.call('DELETE', `${ws}/members/${t.users.ownerA!.id}`, owner),
      422,
      'refused',
    );

    // Members, paginated two by two.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = await t.call('GET', `${ws}/members?limit=2${q}`, owner);
      assert.ok(page.json.items.length <= 2);
      seen.push(...page.json.items.map((m: { userId: string }) => m.userId));
      cursor = page.json.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 4);
    assert.deepEqual([...seen].sort(), seen);

    // The audit log, newest first, three at a time.
    const actions: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const q: string = next ? `&cursor=${next}` : '';
      const page = await t.call('GET', `${ws}/audit-log?limit=3${q}`, owner);
      assert.equal(page.status, 200, page.text);
      actions.push(...page.json.items.map((e: { action: string }) => e.action));
      next = page.json.nextCursor;
      pages += 1;
    } while (next);
    assert.ok(pages >= 3);
    assert.deepEqual(actions.slice(0, 4), [
      'member.remove',
      'member.role_change',
      'member.add',
      'api_key.create',
    ]);
    assert.equal(actions.at(-1), 'workspace.create');
    const all = await t.call('GET', `${ws}/audit-log?limit=200`, owner);
    assert.equal(all.text.includes(created.json.secret), false);
    assert.equal(all.text.includes(password), false);
    assert.equal(all.json.items[0].actor.label, 'ownera@example.fr');
    assertEnvelope(
      await t.call('GET', `${ws}/audit-log?cursor=forged`, owner),
      400,
      'invalid_input',
    );
    assertEnvelope(await t.call('GET', `${ws}/audit-log?limit=1000`, owner), 400, 'invalid_input');
  },
);

forEachDatabase(
  'error envelope: unknown route, bad JSON, validation problems, unknown fields',
  async (store) => {
    const t = await setUp(store);
    assertEnvelope(await t.call('GET', '/api/nothing-here', undefined), 404, 'not_found');
    const ws = `/api/workspaces/${t.a.id}`;
    const badJson = await t.call('POST', `${ws}/messages/check`, t.keys.a, {
      headers: { 'content-type': 'application/json' },
      body: undefined,
    });
    assertEnvelope(badJson, 400, 'invalid_input');
    const invalid = await t.call('POST', `${ws}/members`, t.sessions.ownerA, {
      body: { email: 'not-an-email', role: 'king', extra: 1 },
    });
    assertEnvelope(invalid, 400, 'invalid_input');
    const wheres = invalid.json.error.details.problems.map((p: { path: string }) => p.path).sort();
    assert.deepEqual(wheres, ['', 'email', 'role']);
    assert.match(invalid.json.error.message, /body\.email/);
    const huge = await t.call('POST', `${ws}/messages/check`, t.keys.a, {
      body: { text: 'x'.repeat(2 * 1024 * 1024) },
    });
    assertEnvelope(huge, 400, 'invalid_input');
    assert.match(huge.json.error.message, /1 MiB/);
    const notJson = await t.call('POST', `${ws}/messages/check`, t.keys.a, {
      headers: { 'content-type': 'text/plain' },
    });
    assertEnvelope(notJson, 400, 'invalid_input');
    const text = await t.call('POST', `${ws}/messages/check`, t.keys.a, { body: { text: '' } });
    assertEnvelope(text, 400, 'invalid_input');
    const ok = await t.call('POST', `${ws}/messages/check`, t.keys.a, {
      body: { text: 'Dupont: -20% ! STOP au 36180', sender: 'DUPONT' },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.ok, true);
    assert.equal(ok.json.parts, 1);
    assert.equal(ok.json.encoding, 'GSM-7');
    const health = await t.call('GET', '/api/health', undefined);
    assert.deepEqual(health.json, {
      status: 'ok',
      database: 'ok',
      dispatch: 'stopped',
      time: start.toISOString(),
    });
    assert.equal(health.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(health.headers.get('x-request-id'));
  },
);

forEachDatabase(
  'logs: one redacted line per request, with no password, key, cookie or CSRF token',
  async (store) => {
    const t = await setUp(store);
    const login = await t.call('POST', '/api/auth/login', undefined, {
      body: { email: 'ownera@example.fr', password },
    });
    const created = await t.call('POST', `/api/workspaces/${t.a.id}/api-keys`, t.sessions.ownerA, {
      body: { name: 'k', role: 'owner' },
    });
    await t.call('GET', `/api/me?api_key=${created.json.secret}&token=abc`, {
      key: created.json.secret,
    });
    await t.call('GET', '/api/workspaces/+33612345678', t.keys.a);
    await t.call('GET', '/api/me', { key: 'tx_wrongwrongwrongwrongwrong' });
    const secrets = [
      password,
      created.json.secret,
      login.json.csrfToken,
      ...login.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=')[1]!),
      (t.sessions.ownerA as { csrf: string }).csrf,
      'tx_wrongwrongwrongwrongwrong',
      '33612345678',
    ];
    assert.equal(t.logs.length, 5);
    for (const line of t.logs) {
      const entry = JSON.parse(line);
      assert.equal(entry.msg, 'request');
      for (const secret of secrets)
        assert.equal(line.includes(secret), false, `${secret} in ${line}`);
    }
    assert.match(t.logs[2]!, /api_key=\[redacted\]/);
    assert.match(t.logs[2]!, /"actor":"api_key:key_/);
    assert.equal(JSON.parse(t.logs[0]!).status, 200);
  },
);

forEachDatabase(
  'every workspace route enforces the permission matrix, for every role',
  async (store) => {
    const t = await setUp(store);
    const callers: Array<[Role, Caller]> = [
      ['owner', t.sessions.ownerA],
      ['marketer', t.sessions.marketerA],
      ['analyst', t.sessions.analystA],
      ['provider', t.sessions.providerA],
      ['admin', t.sessions.admin],
    ];
    // Unknown ids and empty bodies: an allowed call stops at 400 or 404 and changes nothing.
    const calls = routes
      .filter((r) => r.operation.auth === 'workspace')
      .map((r) => ({
        r,
        path: r.path
          .replace(':workspaceId', t.a.id)
          .replace(/:(\w+)/g, (_, name) => `unknown_${name}`),
      }));
    for (const [role, caller] of callers) {
      for (const { r, path } of calls) {
        const { action, resource } = r.operation.permission!;
        const res = await t.call(r.method.toUpperCase(), path, caller, {
          body: r.operation.body ? {} : undefined,
        });
        const allowed = isPermitted(role, action, resource);
        if (allowed) assert.notEqual(res.status, 403, `${role} ${r.id}: ${res.text}`);
        else assertEnvelope(res, 403, 'forbidden');
        assert.ok(res.status < 500, `${role} ${r.id}: ${res.text}`);
      }
    }
  },
);

forEachDatabase(
  'members: a removed or demoted member’s API keys stop working above their new access',
  async (store) => {
    const t = await setUp(store);
    const ws = `/api/workspaces/${t.a.id}`;
    const owner = t.sessions.ownerA;
    const userB = t.users.ownerB!.id;
    const add = await t.call('POST', `${ws}/members`, owner, {
      body: { email: 'ownerb@example.fr', role: 'owner' },
    });
    assert.equal(add.status, 201, add.text);
    const keyOf = async (role: string) =>
      (
        await t.call('POST', `${ws}/api-keys`, t.sessions.ownerB, {
          body: { name: `b-${role}`, role },
        })
      ).json.secret as string;
    const [ownerKey, analystKey] = [await keyOf('owner'), await keyOf('analyst')];
    // Demoted to marketer: the owner key goes, the analyst key stays.
    await t.call('PATCH', `${ws}/members/${userB}`, owner, { body: { role: 'marketer' } });
    assertEnvelope(await t.call('GET', ws, { key: ownerKey }), 401, 'unauthenticated');
    assert.equal((await t.call('GET', ws, { key: analystKey })).status, 200);
    // Removed: nothing of theirs works, and the log says how many keys went.
    assert.equal((await t.call('DELETE', `${ws}/members/${userB}`, owner)).status, 200);
    assertEnvelope(await t.call('GET', ws, { key: analystKey }), 401, 'unauthenticated');
    const log = await t.call('GET', `${ws}/audit-log?limit=2`, owner);
    assert.deepEqual(
      log.json.items.map((e: { action: string; details: { revokedKeys: number } }) => [
        e.action,
        e.details.revokedKeys,
      ]),
      [
        ['member.remove', 1],
        ['member.role_change', 1],
      ],
    );
  },
);

forEachDatabase(
  'members: the provider role exists only in a list provider’s workspace',
  async (store) => {
    const t = await setUp(store);
    const ws = `/api/workspaces/${t.a.id}`;
    const owner = t.sessions.ownerA;
    const member = await t.call('POST', `${ws}/members`, owner, {
      body: { email: 'ownerb@example.fr', role: 'provider' },
    });
    assertEnvelope(member, 400, 'invalid_input');
    assert.match(member.json.error.message, /role: provider is the role of a list provider/);
    const key = await t.call('POST', `${ws}/api-keys`, owner, {
      body: { name: 'feed', role: 'provider' },
    });
    assertEnvelope(key, 400, 'invalid_input');
  },
);

forEachDatabase('members: a member leaves a workspace; the last owner cannot', async (store) => {
  const t = await setUp(store);
  const ws = `/api/workspaces/${t.a.id}`;
  const leave = (caller: Caller, userId: string) =>
    t.call('POST', `${ws}/leave`, caller, { body: { userId } });
  const analyst = t.users.analystA!.id;
  assertEnvelope(await leave(t.sessions.analystA, t.users.ownerA!.id), 400, 'invalid_input');
  const left = await leave(t.sessions.analystA, analyst);
  assert.equal(left.status, 200, left.text);
  assertEnvelope(await t.call('GET', ws, t.sessions.analystA), 404, 'not_found');
  assertEnvelope(await leave(t.sessions.ownerA, t.users.ownerA!.id), 422, 'refused');
  assertEnvelope(await leave(t.keys.a, analyst), 422, 'refused');
});
