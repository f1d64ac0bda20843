import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../config.ts';
import { DomainError } from '../core/domain-error.ts';
import type { Store } from '../services/accounts.ts';
import { respondWithError } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import type { ApiDeps, ApiEnv, DispatchState } from './operation.ts';
import { type BucketSpec, createRateLimiter } from './rate-limit.ts';
import { errorLine, type LogLine, requestLog } from './request-log.ts';
import { routes } from './routes.ts';
import { runOperation } from './run-operation.ts';

export interface ApiOptions {
  readonly store: Store;
  readonly config: Config;
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
  /** Where request lines go, one JSON object each (default: stdout, per TEXTO_LOG_LEVEL). */
  readonly log?: LogLine;
  /** Login: per client IP and per email. API: per key, user, or IP when unauthenticated. */
  readonly limits?: { readonly login?: BucketSpec; readonly api?: BucketSpec };
  /** Take the client IP from X-Forwarded-For (only behind a proxy you run). */
  readonly trustProxy?: boolean;
  /** Mark cookies Secure even when the request looks like plain HTTP (TLS ends at a proxy). */
  readonly secureCookies?: boolean;
  /** The sending loop's state when this process runs one (the health check shows it). */
  readonly dispatchState?: () => DispatchState;
}

export const defaultLimits = {
  login: { capacity: 10, refillPerSecond: 1 / 6 },
  api: { capacity: 600, refillPerSecond: 100 },
} as const satisfies Record<string, BucketSpec>;

/** The HTTP API: every route of the route table, with auth, limits, logging and errors. */
export function createApi(options: ApiOptions): Hono<ApiEnv> {
  const now = options.now ?? (() => new Date());
  const level = options.config.logLevel;
  const log: LogLine =
    options.log ??
    ((line, lineLevel) => {
      if (level === 'silent' || (lineLevel === 'info' && level !== 'info' && level !== 'debug')) {
        return;
      }
      process.stdout.write(`${line}\n`);
    });
  const trustProxy = options.trustProxy ?? false;
  let document: Record<string, unknown> | undefined;
  const limiters = {
    login: createRateLimiter(options.limits?.login ?? defaultLimits.login),
    api: createRateLimiter(options.limits?.api ?? defaultLimits.api),
  };
  const deps: ApiDeps = {
    store: options.store,
    config: options.config,
    now,
    openapi: () => {
      document ??= buildOpenApi(routes);
      return document;
    },
    secureCookies: options.secureCookies ?? false,
    trustProxy,
    dispatchState: options.dispatchState ?? (() => 'stopped'),
    throttle(bucket, key, at) {
      const taken = limiters[bucket].take(key, at.getTime());
      if (!taken.ok) {
        throw new DomainError(
          'rate_limited',
          `too many requests: retry in ${taken.retryAfterSeconds} s`,
          { retryAfterSeconds: taken.retryAfterSeconds },
        );
      }
    },
  };

  const app = new Hono<ApiEnv>();
  app.use(requestLog(log, now, trustProxy));
  app.use(async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  // CSV uploads (contacts and list imports) may be large; every other body stays small.
  const uploadLimit = bodyLimit({
    maxSize: 512 * 1024 * 1024,
    onError: () => {
      throw new DomainError('invalid_input', 'body: a CSV upload is limited to 512 MiB');
    },
  });
  const jsonLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new DomainError('invalid_input', 'body: larger than 1 MiB');
    },
  });
  app.use((c, next) => (c.req.path.endsWith('/imports') ? uploadLimit : jsonLimit)(c, next));
  for (const r of routes) {
    app.on(r.method.toUpperCase(), r.path, (c) => runOperation(c, r, deps));
  }
  app.notFound((c) =>
    respondWithError(
      c,
      new DomainError('not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`),
    ),
  );
  app.onError((error, c) => {
    if (!(error instanceof DomainError))
      log(errorLine(error, c.get('requestId') ?? '', now()), 'error');
    return respondWithError(c, error);
  });
  return app;
}
