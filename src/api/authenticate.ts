import type { Context } from 'hono';
import { DomainError } from '../core/domain-error.ts';
import { checkCsrf, type Principal, resolveApiKey, resolveSession } from '../services/accounts.ts';
import type { ApiDeps } from './operation.ts';
import { csrfHeader, readSessionCookie } from './session-cookie.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling: `Authorization: Bearer tx_…` (an API key) wins over the session cookie.
 * Undefined when neither is given or valid. A cookie-authenticated unsafe request must carry
 * the session's CSRF token in X-CSRF-Token and, when the browser sends an Origin, come from
 * this very host; otherwise it is refused (403) even though the cookie is valid.
 */
export async function authenticate(
  c: Context,
  deps: ApiDeps,
  now: Date,
): Promise<Principal | undefined> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? resolveApiKey(deps.store, match[1]!, now) : undefined;
  }
  const token = readSessionCookie(c);
  if (!token) return undefined;
  const principal = await resolveSession(deps.store, token, now);
  if (principal && !safeMethods.has(c.req.method)) {
    checkSameOrigin(c);
    if (!checkCsrf(principal, c.req.header(csrfHeader))) {
      throw new DomainError(
        'forbidden',
        'CSRF token missing or wrong: send the texto_csrf cookie value in the X-CSRF-Token header',
      );
    }
  }
  return principal;
}

/** A browser's Origin, when sent, must name this host (cross-site forms and fetches fail). */
export function checkSameOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  const own = c.req.header('host') ?? new URL(c.req.url).host;
  if (host !== own) {
    throw new DomainError('forbidden', `cross-origin request refused (Origin ${origin})`);
  }
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
