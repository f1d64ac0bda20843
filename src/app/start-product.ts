import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApi } from '../api/create-api.ts';
import { startServer } from '../api/start-server.ts';
import type { Config } from '../config.ts';
import { startDispatch } from '../dispatch/start-dispatch.ts';
import { type DispatchState, superviseDispatch } from '../dispatch/supervise-dispatch.ts';
import type { DemoLogin } from '../services/demo-seed.ts';
import { prepareProduct, startProductWorkers } from '../services/product.ts';
import { shownTransport } from '../services/transport-view.ts';
import { openStore } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import { parseTransportUrl } from '../transports/parse-transport-url.ts';
import { wireDispatch } from './wire-dispatch.ts';

export interface ProductOptions {
  /** Overrides TEXTO_HOST / TEXTO_PORT (tests: port 0). */
  readonly host?: string;
  readonly port?: number;
  /** Seed the demo on an empty database (default true); a smaller list for tests. */
  readonly seed?: false | { password?: string; listSize?: number; ownContacts?: number };
  /** The built UI to serve at / (default web/dist when it exists). */
  readonly webDist?: string | null;
  /** Run the dispatcher worker on TEXTO_TRANSPORT (default true). */
  readonly dispatch?: boolean;
  readonly webhookIntervalMs?: number;
  /** Where the product's own lines go (request logs follow TEXTO_LOG_LEVEL). */
  readonly log?: (line: string) => void;
  readonly requestLog?: (line: string) => void;
}

export interface RunningProduct {
  readonly url: string;
  readonly logins: readonly DemoLogin[];
  readonly seeded: boolean;
  /** Whether the built UI is served at / (web/dist found). */
  readonly ui: boolean;
  /**
   * The transport as the start-up text may show it: kind, host, port and rate, never the SMPP
   * password or system id, a Kannel user or a webhook's token (that text ends up in logs).
   */
  readonly transport: string;
  /** Stops accepting, stops the worker (claimed messages released), closes the database. */
  stop(): Promise<void>;
}

/**
 * The whole product in this process (`npm start`, the UI's browser tests): migrate, recover
 * and seed, the API and the UI on host:port, the dispatcher worker on the configured
 * transport (the simulator by default), the webhook worker.
 */
export async function startProduct(
  config: Config,
  options: ProductOptions = {},
): Promise<RunningProduct> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  // A mistyped transport is refused before anything is written (a fresh data dir used to get
  // its migrations and the whole demo first).
  if (options.dispatch !== false) parseTransportUrl(config.transport);
  // As src/app.ts does (store, dispatch), in one place for the long-running product.
  const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  await migrateStore(store, new Date());
  const prepared = await prepareProduct(store, {
    now: new Date(),
    seed: options.seed === false ? false : { stopCode: config.stopCode, ...options.seed },
  });
  if (prepared.abandonedJobs > 0) {
    log(`${prepared.abandonedJobs} job(s) of a previous run were interrupted: marked failed`);
  }
  // The health check reads the sending loop's state once it exists (started after the API).
  let dispatchState: () => DispatchState = () => 'stopped';
  const api = createApi({
    store,
    config,
    dispatchState: () => dispatchState(),
    ...(options.requestLog ? { log: options.requestLog } : {}),
  });
  const dist = options.webDist === undefined ? resolve('web/dist') : options.webDist;
  const ui = Boolean(dist && existsSync(join(dist, 'index.html')));
  if (dist && ui) {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    // The app is never framed (clickjacking) and loads nothing but its own files; inline
    // style attributes are React's.
    api.use('*', async (c, next) => {
      await next();
      if (c.req.path.startsWith('/api/')) return;
      c.header('Content-Security-Policy', uiPolicy);
      c.header('X-Frame-Options', 'DENY');
    });
    api.get('/*', serveStatic({ root: dist }));
    // The single-page app answers every other non-API path with its index.
    api.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(index)));
  }
  const workers = startProductWorkers(store, {
    ...(options.webhookIntervalMs ? { webhookIntervalMs: options.webhookIntervalMs } : {}),
    log,
  });
  const sending =
    options.dispatch === false
      ? null
      : superviseDispatch(
          () =>
            startDispatch({
              ...wireDispatch(store, config),
              // The API shares this process and its SQLite connection: a second connection for
              // the receipts writer could make an API transaction fail with SQLITE_BUSY_SNAPSHOT.
              writerThread: false,
              log: (line) => log(`dispatch: ${line}`),
            }),
          log,
        );
  dispatchState = () => sending?.state() ?? 'stopped';
  const server = await startServer(api, {
    host: options.host ?? config.host,
    port: options.port ?? config.port,
  });
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    logins: prepared.demo?.logins ?? [],
    seeded: prepared.demo?.seeded ?? false,
    ui,
    transport: shownTransport(config.transport),
    stop() {
      stopping ??= (async () => {
        await server.close();
        await sending?.stop();
        await workers.stop();
        await store.close();
      })();
      return stopping;
    },
  };
}

const uiPolicy = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
