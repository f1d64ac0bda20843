import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface InboundRequest {
  readonly method: string;
  /** Path and query, e.g. `/kannel/dlr?msg=…`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface InboundResponse {
  readonly status: number;
  readonly body?: string;
}

export type InboundRequestHandler = (request: InboundRequest) => Promise<InboundResponse>;

export interface InboundListener {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A small node:http listener for gateway callbacks (Kannel dlr-url and get-url, webhook
 * receipts and replies). The HTTP transports also expose their handler, so the API can mount
 * it instead. Bodies over 64 KiB are refused; a handler failure answers 500 (the gateway
 * retries).
 */
export async function startInboundListener(
  host: string,
  port: number,
  handle: InboundRequestHandler,
): Promise<InboundListener> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 65_536) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      handle(request).then(
        (r) => res.writeHead(r.status, { 'content-type': 'text/plain' }).end(r.body ?? ''),
        (error: unknown) => res.writeHead(500).end((error as Error).message),
      );
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
