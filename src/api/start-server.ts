import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { ApiEnv } from './operation.ts';

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 (the real port when 0 was asked). */
  readonly url: string;
  /** Stops accepting, closes idle keep-alive connections and resolves when closed. */
  close(): Promise<void>;
}

/** Serves the API on host:port with @hono/node-server; resolves once listening. */
export function startServer(
  app: Hono<ApiEnv>,
  options: { host: string; port: number },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
