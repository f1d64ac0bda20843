import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import {
  createOwnedWorkspace,
  createUser,
  logIn,
  type Principal,
  type Store,
} from '../services/accounts.ts';
import { createApiKey } from '../services/api-keys.ts';
import { addMember } from '../services/members.ts';
import { createApi } from './create-api.ts';
import type { BucketSpec } from './rate-limit.ts';

/**
 * For API tests of every resource (used with `forEachDatabase` of src/store/test-databases.ts):
 * two workspaces, A (owner, marketer, analyst, provider) and B (owner), a platform admin, one
 * logged-in session each, API keys, a settable clock, captured log lines, and `call()` that
 * goes through `app.request()` with the right credentials (CSRF header included for sessions).
 */
export const testPassword = 'correct horse battery staple';
/** `testPassword` hashed with scrypt N=2^10: logins cost ~1 ms instead of ~100 ms. */
const cheapHash =
  'scrypt$1024$8$1$AQEBAQEBAQEBAQEBAQEBAQ$oEcDHhVdAW0Pm2rdFUgaootEVon5LD1idD3dhkaU5_6Ubf5FPlpiKscWvXs5IwkupF-f6I2edilv9SiJJITJQg';
export const testStart = new Date('2026-11-28T15:00:00Z');

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export type Answer = Record<string, any>;
export type Caller = { cookie: string; csrf: string } | { key: string } | undefined;

const people = ['ownerA', 'marketerA', 'analystA', 'providerA', 'ownerB', 'admin'] as const;
export type Person = (typeof people)[number];

export const emailOf = (person: string) => `${person.toLowerCase()}@example.fr`;

export async function setUpApi(
  store: Store,
  config: Config,
  limits?: { login?: BucketSpec; api?: BucketSpec },
) {
  let clock = testStart;
  const logs: string[] = [];
  const api = createApi({
    store,
    config,
    now: () => clock,
    log: (line) => logs.push(line),
    limits: limits ?? {
      login: { capacity: 1000, refillPerSecond: 1000 },
      api: { capacity: 1e6, refillPerSecond: 1e6 },
    },
  });
  const users = {} as Record<Person, Principal>;
  for (const person of people) {
    const user = await createUser(
      store,
      { email: emailOf(person), passwordHash: cheapHash, isAdmin: person === 'admin' },
      testStart,
    );
    users[person] = {
      kind: 'user',
      id: user.id,
      email: user.email,
      name: null,
      isAdmin: user.is_admin === 1,
      sessionId: '',
      csrfHash: '',
    };
  }
  const a = await createOwnedWorkspace(store, users.ownerA, { name: 'Meubles Dupont' }, testStart);
  const b = await createOwnedWorkspace(store, users.ownerB, { name: 'Concurrent' }, testStart);
  for (const role of ['marketer', 'analyst'] as const) {
    await addMember(store, users.ownerA, a.id, { email: emailOf(`${role}A`), role }, testStart);
  }
  // A provider member of an advertiser's workspace is refused now (members.ts); one given the
  // role before that rule is how the matrix's refusals to the provider role are still tested.
  await sql`INSERT INTO members (workspace_id, user_id, role, created_at)
    VALUES (${a.id}, ${users.providerA.id}, 'provider', ${testStart.toISOString()})`.execute(
    store.db,
  );
  const sessions = {} as Record<Person, Caller>;
  for (const person of people) {
    const r = await logIn(store, { email: emailOf(person), password: testPassword }, testStart);
    assert.ok(r.ok);
    sessions[person] = {
      cookie: `texto_session=${r.token}; texto_csrf=${r.csrfToken}`,
      csrf: r.csrfToken,
    };
  }
  const key = (
    owner: Principal,
    workspaceId: string,
    name: string,
    role: 'owner' | 'marketer' | 'analyst',
  ) => createApiKey(store, owner, workspaceId, { name, role }, testStart);
  const keyA = await key(users.ownerA, a.id, 'ci', 'marketer');
  const keyAnalystA = await key(users.ownerA, a.id, 'bi', 'analyst');
  const keyB = await key(users.ownerB, b.id, 'b', 'owner');

  async function call(
    method: string,
    path: string,
    as: Caller,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean; ip?: string } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (as && 'key' in as) headers.authorization = `Bearer ${as.key}`;
    if (as && 'cookie' in as) {
      headers.cookie = as.cookie;
      if (options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = as.csrf;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await api.request(
      path,
      {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      },
      { incoming: { socket: { remoteAddress: options.ip ?? '192.0.2.10' } } },
    );
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json: json as Answer, text, headers: res.headers };
  }
  return {
    api,
    call,
    logs,
    a,
    b,
    users,
    sessions,
    keys: {
      a: { key: keyA.secret },
      analystA: { key: keyAnalystA.secret },
      b: { key: keyB.secret },
    },
    keyIds: { a: keyA.apiKey.id, b: keyB.apiKey.id },
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

/** The answer is exactly the error envelope with this status and code. */
export function assertEnvelope(r: { status: number; json: Answer }, status: number, code: string) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(r.json.error.code, code);
  assert.equal(typeof r.json.error.message, 'string');
  assert.deepEqual(Object.keys(r.json).sort(), ['error']);
}
