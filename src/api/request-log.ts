import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { clientIp } from './authenticate.ts';
import type { ApiEnv } from './operation.ts';
import { redactPath, redactSecrets } from './redact-secrets.ts';

/** Receives one JSON line (already redacted) and its level. */
export type LogLine = (line: string, level: 'info' | 'error') => void;

/**
 * One JSON line per request: time, id, method, path, status, duration, client IP, actor
 * (`user:…` or `api_key:…`, never a credential). Headers and bodies are never logged; the
 * line goes through `redactSecrets`, which also masks keys and numbers in the path or query.
 */
export function requestLog(
  log: LogLine,
  now: () => Date,
  trustProxy: boolean,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('actor', null);
    c.header('X-Request-Id', requestId);
    await next();
    const level = c.res.status >= 500 ? 'error' : 'info';
    const line = {
      at: now().toISOString(),
      level,
      msg: 'request',
      requestId,
      method: c.req.method,
      path: redactPath(new URL(c.req.url)),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ip: clientIp(c, trustProxy),
      actor: c.get('actor'),
    };
    log(JSON.stringify(redactSecrets(line)), level);
  };
}

/** The log line of an unexpected error (a bug or an outage), redacted like the others. */
export function errorLine(error: unknown, requestId: string, at: Date): string {
  const e = error instanceof Error ? error : new Error(String(error));
  return JSON.stringify(
    redactSecrets({
      at: at.toISOString(),
      level: 'error',
      msg: 'unhandled error',
      requestId,
      error: e.message,
      stack: e.stack,
    }),
  );
}
