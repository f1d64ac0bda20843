import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { type TestContext, test } from 'node:test';
import { nextMobile, waitFor } from './contract.test-suite.ts';
import { parseTransportUrl, type SmppSpec } from './parse-transport-url.ts';
import { corkForThisTurn } from './smpp-cork.ts';
import { createSmppTransport } from './smpp-transport.ts';
import { startSmscServer } from './smsc-server.ts';

/** A connected loopback pair; `received` collects what the server side read. */
async function loopback(t: TestContext): Promise<{ client: Socket; received: () => string }> {
  const chunks: Buffer[] = [];
  const server = createServer((s) => s.on('data', (c: Buffer) => chunks.push(c)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const client = connect(port, '127.0.0.1');
  await once(client, 'connect');
  t.after(() => {
    client.destroy();
    server.close();
  });
  return { client, received: () => Buffer.concat(chunks).toString() };
}

/** Counts how the stream hands its data to the socket: one `_write` per chunk, or `_writev`. */
function countFlushes(socket: Socket): { writes: number; writevs: number[] } {
  const counts = { writes: 0, writevs: [] as number[] };
  const s = socket as unknown as {
    _write: (...args: unknown[]) => void;
    _writev: (chunks: unknown[], ...rest: unknown[]) => void;
  };
  const write = s._write.bind(socket);
  const writev = s._writev.bind(socket);
  s._write = (...args) => {
    counts.writes += 1;
    write(...args);
  };
  s._writev = (chunks, ...rest) => {
    counts.writevs.push(chunks.length);
    writev(chunks, ...rest);
  };
  return counts;
}

test('cork: the writes of one turn leave in one writev, in order; the next turn flushes again', async (t) => {
  const { client, received } = await loopback(t);
  const counts = countFlushes(client);
  for (const word of ['a', 'b', 'c', 'd', 'e']) {
    corkForThisTurn(client);
    client.write(word);
  }
  assert.equal(client.writableCorked, 1, 'corked once, however many writes');
  await new Promise<void>((resolve) => process.nextTick(resolve));
  assert.equal(client.writableCorked, 0, 'uncorked once the turn has run');
  assert.deepEqual(counts.writevs, [5]);
  assert.equal(counts.writes, 0);
  // Promise jobs of the same turn join the same write.
  corkForThisTurn(client);
  client.write('f');
  await Promise.resolve();
  corkForThisTurn(client);
  client.write('g');
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(counts.writevs, [5, 2]);
  await waitFor(() => (received().length === 7 ? true : undefined), 2000);
  assert.equal(received(), 'abcdefg');
});

test('cork: through the transport, submits keep their order and the window holds', async (t) => {
  const server = await startSmscServer({ responseDelayMs: 5 });
  const spec = parseTransportUrl(`smpp://texto:pw@127.0.0.1:${server.port}?window=10`) as SmppSpec;
  const transport = createSmppTransport({ ...spec, onInbound: () => {}, log: () => {} });
  t.after(async () => {
    await transport.close();
    await server.close();
  });
  const numbers = Array.from({ length: 60 }, nextMobile);
  const results = await Promise.all(
    numbers.map((to) => transport.send({ id: to, to, from: 'DUPONT', text: `Promo ${to}` })),
  );
  assert.ok(results.every((r) => r.accepted));
  assert.deepEqual(
    server.submits.map((s) => `+${s.destination}`),
    numbers,
    'submit_sm reach the SMSC in the order they were sent',
  );
  assert.equal(server.stats.maxOutstanding, 10);
});
