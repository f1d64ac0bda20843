import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionDays } from '../services/accounts.ts';

/**
 * The session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and its CSRF companion:
 * `texto_csrf` is readable by the web UI's script, which echoes it in `X-CSRF-Token` on every
 * unsafe request; the server compares it with the hash kept in the session.
 */
export const sessionCookie = 'texto_session';
export const csrfCookie = 'texto_csrf';
export const csrfHeader = 'x-csrf-token';

function secure(c: Context, force: boolean): boolean {
  return force || new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookies(
  c: Context,
  tokens: { token: string; csrfToken: string },
  forceSecure: boolean,
): void {
  const common = {
    path: '/',
    sameSite: 'Lax',
    secure: secure(c, forceSecure),
    maxAge: sessionDays * 86_400,
  } as const;
  setCookie(c, sessionCookie, tokens.token, { ...common, httpOnly: true });
  setCookie(c, csrfCookie, tokens.csrfToken, common);
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, sessionCookie, { path: '/' });
  deleteCookie(c, csrfCookie, { path: '/' });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, sessionCookie);
}
