import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../core/account/hash-password.ts';
import { isPermitted } from '../core/account/is-permitted.ts';
import type { Action, ResourceKind } from '../core/account/permission-matrix.ts';
import type { MemberRole, Role } from '../core/account/roles.ts';
import { DomainError } from '../core/domain-error.ts';
import { findActiveApiKey, touchApiKey } from '../store/api-keys.ts';
import type { Store } from '../store/db.ts';
import { findWorkspaceAccess, insertMember, listMemberships } from '../store/members.ts';
import { deleteSession, findLiveSession, insertSession } from '../store/sessions.ts';
import { findUserByEmail, insertUser, type User } from '../store/users.ts';
import { insertWorkspace, listWorkspaces, type Workspace } from '../store/workspaces.ts';
import { recordAudit } from './audit.ts';

export type { Store, Workspace };

/** Who makes a request: a logged-in user (session cookie) or an API key. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly email: string;
      readonly name: string | null;
      readonly isAdmin: boolean;
      readonly sessionId: string;
      readonly csrfHash: string;
    }
  | {
      readonly kind: 'api_key';
      readonly id: string;
      readonly name: string;
      readonly workspaceId: string;
      readonly role: MemberRole;
    };

/** A session lasts 7 days from login (no sliding renewal: log in again). */
export const sessionDays = 7;

export const passwordSchema = z
  .string()
  .min(12, 'must have at least 12 characters')
  .max(256, 'must have at most 256 characters');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be an email address' }));

/** A trimmed, lowercased email, or DomainError('invalid_input') naming the field. */
export function parseEmail(value: string, field = 'email'): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) throw new DomainError('invalid_input', `${field}: must be an email address`);
  return parsed.data;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Creates an account from a password (hashed here) or from an existing `scrypt$…` hash
 * (moving accounts from another install, test fixtures with a cheap cost).
 */
export async function createUser(
  store: Store,
  input: {
    email: string;
    password?: string;
    passwordHash?: string;
    name?: string | null;
    isAdmin?: boolean;
  },
  now: Date,
): Promise<User> {
  const email = parseEmail(input.email);
  let passwordHash: string;
  if (input.passwordHash !== undefined) {
    if (!/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/.test(input.passwordHash)) {
      throw new DomainError('invalid_input', 'passwordHash: not a scrypt$N$r$p$salt$hash string');
    }
    passwordHash = input.passwordHash;
  } else {
    const password = passwordSchema.safeParse(input.password);
    if (!password.success) {
      throw new DomainError('invalid_input', `password: ${password.error.issues[0]?.message}`);
    }
    passwordHash = await hashPassword(password.data, randomBytes(16));
  }
  const taken = () =>
    new DomainError('conflict', `an account with the email '${email}' already exists`);
  if (await findUserByEmail(store.db, email)) throw taken();
  const user = await insertUser(store.db, {
    id: `usr_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    email,
    name: input.name ?? null,
    password_hash: passwordHash,
    is_admin: input.isAdmin ? 1 : 0,
    created_at: now.toISOString(),
  });
  if (!user) throw taken(); // created meanwhile by a concurrent request
  return user;
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password and opens a session. An unknown email costs the same scrypt
 * work as a wrong password, so the answer time does not reveal which accounts exist.
 */
export async function logIn(
  store: Store,
  input: { email: string; password: string },
  now: Date,
): Promise<
  | { ok: true; user: User; token: string; csrfToken: string; expiresAt: string }
  | { ok: false; reason: 'bad_credentials' }
> {
  const email = input.email.trim().toLowerCase();
  const user = await findUserByEmail(store.db, email);
  dummyHash ??= hashPassword(newToken(), randomBytes(16));
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash));
  if (!user || !valid) return { ok: false, reason: 'bad_credentials' };
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000).toISOString();
  await insertSession(
    store.db,
    {
      id: hashToken(token),
      user_id: user.id,
      csrf_hash: hashToken(csrfToken),
      created_at: now.toISOString(),
      expires_at: expiresAt,
    },
    now,
  );
  const principal = userPrincipal(user, '', '');
  await recordAudit(store, { workspaceId: null, actor: principal, action: 'user.login' }, now);
  return { ok: true, user, token, csrfToken, expiresAt };
}

function userPrincipal(
  user: Pick<User, 'id' | 'email' | 'name' | 'is_admin'>,
  sessionId: string,
  csrfHash: string,
): Principal {
  return {
    kind: 'user',
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.is_admin === 1,
    sessionId,
    csrfHash,
  };
}

export async function logOut(store: Store, principal: Principal): Promise<void> {
  if (principal.kind === 'user') await deleteSession(store.db, principal.sessionId);
}

/** The user of a live session token, or undefined (unknown, expired or logged out). */
export async function resolveSession(
  store: Store,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const found = await findLiveSession(store.db, hashToken(token), now);
  return found ? userPrincipal(found, found.session_id, found.csrf_hash) : undefined;
}

/** The workspace-scoped principal of an unrevoked API key (`tx_…`), or undefined. */
export async function resolveApiKey(
  store: Store,
  secret: string,
  now: Date,
): Promise<Principal | undefined> {
  if (!/^tx_[\w-]{20,100}$/.test(secret)) return undefined;
  const key = await findActiveApiKey(store.db, hashToken(secret));
  if (!key) return undefined;
  // Record the use at most once a minute: no write on every request.
  if (!key.last_used_at || Date.parse(key.last_used_at) < now.getTime() - 60_000) {
    await touchApiKey(store.db, key.id, now);
  }
  return {
    kind: 'api_key',
    id: key.id,
    name: key.name,
    workspaceId: key.workspace_id,
    role: key.role,
  };
}

/** Whether the CSRF token sent with a cookie-authenticated request is the session's. */
export function checkCsrf(principal: Principal, token: string | undefined): boolean {
  if (principal.kind !== 'user') return true;
  if (!token) return false;
  return timingSafeEqual(Buffer.from(hashToken(token)), Buffer.from(principal.csrfHash));
}

/**
 * The workspace and the principal's role in it; undefined when the workspace does not exist
 * OR the principal has no access to it (the caller answers 404 for both, never 403).
 */
export async function resolveAccess(
  store: Store,
  principal: Principal,
  workspaceId: string,
): Promise<{ workspace: Workspace; role: Role } | undefined> {
  if (principal.kind === 'api_key' && principal.workspaceId !== workspaceId) return undefined;
  const userId = principal.kind === 'user' ? principal.id : null;
  const found = await findWorkspaceAccess(store.db, workspaceId, userId);
  if (!found) return undefined;
  const { member_role: memberRole, ...workspace } = found;
  if (principal.kind === 'api_key') return { workspace, role: principal.role };
  if (memberRole) return { workspace, role: memberRole };
  return principal.isAdmin ? { workspace, role: 'admin' } : undefined;
}

/** Whether `role` may do `action` on `kind` (the permission matrix of core/account). */
export function authorize(role: Role, action: Action, kind: ResourceKind): boolean {
  return isPermitted(role, action, kind);
}

/** Who is calling, and where they may act. */
export async function describePrincipal(store: Store, principal: Principal) {
  if (principal.kind === 'api_key') {
    return {
      kind: 'api_key' as const,
      apiKey: { id: principal.id, name: principal.name, role: principal.role },
      workspaces: [{ id: principal.workspaceId, role: principal.role as Role }],
    };
  }
  const memberships = await listMemberships(store.db, principal.id);
  return {
    kind: 'user' as const,
    user: {
      id: principal.id,
      email: principal.email,
      name: principal.name,
      isAdmin: principal.isAdmin,
    },
    workspaces: memberships.map((m) => ({ id: m.id, name: m.name, role: m.role as Role })),
  };
}

/** Workspaces the principal can see (all of them for the platform admin), by id. */
export async function listVisibleWorkspaces(
  store: Store,
  principal: Principal,
  page: { limit: number; after?: string | undefined },
): Promise<Workspace[]> {
  let all: Workspace[];
  if (principal.kind === 'user' && principal.isAdmin) all = await listWorkspaces(store.db);
  else {
    const ids = new Set(
      principal.kind === 'api_key'
        ? [principal.workspaceId]
        : (await listMemberships(store.db, principal.id)).map((m) => m.id),
    );
    all = (await listWorkspaces(store.db)).filter((w) => ids.has(w.id));
  }
  return all
    .filter((w) => page.after === undefined || w.id > page.after)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, page.limit);
}

/** A new workspace whose owner is the user creating it (API keys cannot create workspaces). */
export async function createOwnedWorkspace(
  store: Store,
  principal: Principal,
  input: { name: string; legalName?: string | undefined; isProvider?: boolean | undefined },
  now: Date,
): Promise<Workspace> {
  if (principal.kind !== 'user') {
    throw new DomainError(
      'forbidden',
      'an API key acts in its own workspace; log in to create one',
    );
  }
  const name = input.name.trim();
  if ((await listWorkspaces(store.db)).some((w) => w.name === name)) {
    throw new DomainError('conflict', `workspace name '${name}' is taken`, { field: 'name' });
  }
  const workspace = await store.db.transaction().execute(async (trx) => {
    const created = await insertWorkspace(trx, { ...input, name }, now).catch(async (error) => {
      // The name's unique index refused a concurrent twin.
      if ((await listWorkspaces(store.db)).some((w) => w.name === name)) {
        throw new DomainError('conflict', `workspace name '${name}' is taken`, { field: 'name' });
      }
      throw error;
    });
    await insertMember(trx, {
      workspace_id: created.id,
      user_id: principal.id,
      role: 'owner',
      created_at: now.toISOString(),
    });
    return created;
  });
  await recordAudit(
    store,
    {
      workspaceId: workspace.id,
      actor: principal,
      action: 'workspace.create',
      target: { kind: 'workspace', id: workspace.id },
      details: { name },
    },
    now,
  );
  return workspace;
}
