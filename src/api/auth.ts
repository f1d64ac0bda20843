import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { describePrincipal, logIn, logOut } from '../services/accounts.ts';
import { checkSameOrigin, clientIp } from './authenticate.ts';
import { defineOperation, principalOf } from './operation.ts';
import { clearSessionCookies, setSessionCookies } from './session-cookie.ts';

const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  isAdmin: z.boolean(),
});

const roleName = z.enum(['owner', 'marketer', 'analyst', 'provider', 'admin']);

export const login = defineOperation({
  summary: 'Log in with email and password',
  description:
    'Sets the HttpOnly session cookie `texto_session` and the `texto_csrf` cookie; echo the ' +
    'latter (also returned as `csrfToken`) in `X-CSRF-Token` on every POST/PATCH/DELETE. ' +
    'Rate limited per client IP and per email.',
  tag: 'auth',
  auth: 'public',
  body: z.strictObject({ email: z.string().max(320), password: z.string().max(256) }),
  response: z.object({ user: userView, csrfToken: z.string(), expiresAt: z.string() }),
  async handle({ body, deps, now, c }) {
    checkSameOrigin(c);
    deps.throttle('login', `ip:${clientIp(c, deps.trustProxy)}`, now);
    deps.throttle('login', `email:${body.email.trim().toLowerCase()}`, now);
    const result = await logIn(deps.store, body, now);
    if (!result.ok) throw new DomainError('unauthenticated', 'wrong email or password');
    setSessionCookies(c, result, deps.secureCookies);
    const u = result.user;
    return {
      user: { id: u.id, email: u.email, name: u.name, isAdmin: u.is_admin === 1 },
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt,
    };
  },
});

export const logout = defineOperation({
  summary: 'Log out (ends the session and clears its cookies)',
  tag: 'auth',
  auth: 'session',
  response: z.object({ ok: z.literal(true) }),
  async handle(input) {
    await logOut(input.deps.store, principalOf(input));
    clearSessionCookies(input.c);
    return { ok: true as const };
  },
});

export const me = defineOperation({
  summary: 'Who am I: the user or API key, and the workspaces it may act in',
  tag: 'auth',
  auth: 'any',
  response: z.object({
    kind: z.enum(['user', 'api_key']),
    user: userView.optional(),
    apiKey: z.object({ id: z.string(), name: z.string(), role: roleName }).optional(),
    workspaces: z.array(z.object({ id: z.string(), name: z.string().optional(), role: roleName })),
  }),
  handle: (input) => describePrincipal(input.deps.store, principalOf(input)),
});
