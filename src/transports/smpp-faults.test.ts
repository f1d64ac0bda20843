/**
 * Fault tests of the SMPP transport against the simulator SMSC: the gateway throttles, drops
 * the connection mid-run, answers slowly, drops receipts, and the bind's tps limit. After each:
 * nothing sent twice, every message accounted for (accepted, failed, or unknown).
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { type TestContext, test } from 'node:test';
import { nextMobile, waitFor } from './contract.test-suite.ts';
import { parseTransportUrl, type SmppSpec } from './parse-transport-url.ts';
import { createSmppTransport } from './smpp-transport.ts';
import { type SmscServerOptions, startSmscServer } from './smsc-server.ts';
import type { InboundEvent, Transport } from './transport.ts';

async function setUp(t: TestContext, serverOptions: SmscServerOptions, query: string) {
  const server = await startSmscServer(serverOptions);
  const spec = parseTransportUrl(`smpp://texto:pw@127.0.0.1:${server.port}?${query}`) as SmppSpec;
  const events: InboundEvent[] = [];
  const transport = createSmppTransport({
    ...spec,
    onInbound: (e) => {
      events.push(e);
    },
    reconnectMinMs: 20,
    reconnectMaxMs: 100,
    bindWaitMs: 2000,
    log: () => {},
  });
  t.after(async () => {
    await transport.close();
    await server.close();
  });
  return { server, transport, events };
}

type Outcome = 'accepted' | 'failed' | 'unknown';

/** What a dispatcher does: retry transient rejections, never retry an unknown outcome. */
async function dispatch(transport: Transport, to: string): Promise<Outcome> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    let r: Awaited<ReturnType<Transport['send']>>;
    try {
      r = await transport.send({ id: to, to, from: 'DUPONT', text: `Promo pour ${to}` });
    } catch {
      return 'unknown';
    }
    if (r.accepted) return 'accepted';
    if (r.permanent) return 'failed';
    await new Promise((resolve) => setTimeout(resolve, 5 + attempt * 2));
  }
  throw new Error(`${to}: still transient after 200 attempts`);
}

function assertNoDuplicates(destinations: readonly string[]): void {
  assert.equal(new Set(destinations).size, destinations.length, 'a message was sent twice');
}

test('faults: throttling (0x58) and queue full (0x14) are retried, never failed nor doubled', async (t) => {
  const s = await setUp(t, { throttleRate: 0.3, queueFullRate: 0.1, seed: 1 }, 'window=10');
  const numbers = Array.from({ length: 150 }, nextMobile);
  const outcomes = await Promise.all(numbers.map((n) => dispatch(s.transport, n)));
  assert.deepEqual(new Set(outcomes), new Set(['accepted']));
  assert.ok(s.server.stats.throttled > 15 && s.server.stats.queueFull > 3);
  const accepted = s.server.submits.filter((x) => x.status === 0).map((x) => x.destination);
  assertNoDuplicates(accepted);
  assert.equal(accepted.length, numbers.length);
});

test('faults: the SMSC drops the link every 25 submits: reconnect, nothing sent twice, all accounted', async (t) => {
  const s = await setUp(t, { closeAfterSubmits: 25 }, 'window=10');
  const numbers = Array.from({ length: 200 }, nextMobile);
  const outcomes = await Promise.all(numbers.map((n) => dispatch(s.transport, n)));
  const seen = s.server.submits.map((x) => x.destination);
  assertNoDuplicates(seen);
  const byOutcome = (o: Outcome) => numbers.filter((_, i) => outcomes[i] === o);
  // Accepted at the client means seen exactly once by the SMSC.
  for (const n of byOutcome('accepted')) assert.ok(seen.includes(n.slice(1)), n);
  assert.equal(byOutcome('failed').length, 0);
  assert.equal(byOutcome('accepted').length + byOutcome('unknown').length, numbers.length);
  assert.ok(byOutcome('accepted').length >= 150, `accepted ${byOutcome('accepted').length}`);
  assert.ok(s.server.stats.binds >= 6, `binds ${s.server.stats.binds}`);
});

test('faults: slow responses: never more than `window` submits outstanding', async (t) => {
  const s = await setUp(t, { responseDelayMs: 40 }, 'window=4');
  const numbers = Array.from({ length: 40 }, nextMobile);
  const outcomes = await Promise.all(numbers.map((n) => dispatch(s.transport, n)));
  assert.ok(outcomes.every((o) => o === 'accepted'));
  assert.equal(s.server.stats.maxOutstanding, 4);
});

test('faults: dropped receipts: the others still match their ids, nothing invented', async (t) => {
  const s = await setUp(t, { dropReceiptRate: 0.4, seed: 5 }, 'window=10');
  const ids = new Set<string>();
  for (const n of Array.from({ length: 60 }, nextMobile)) {
    const r = await s.transport.send({ id: n, to: n, from: 'DUPONT', text: 'Promo' });
    assert.equal(r.accepted, true);
    if (r.accepted) ids.add(r.id);
  }
  await waitFor(() =>
    s.events.length === s.server.stats.receiptsSent &&
    s.server.stats.receiptsAcked === s.events.length
      ? true
      : undefined,
  );
  assert.ok(s.server.stats.receiptsDropped > 10);
  assert.ok(s.events.every((e) => e.kind === 'receipt' && ids.has(e.gatewayId)));
});

test('token bucket: never more than tps submits in any second (measured at the SMSC)', async (t) => {
  const arrivals: number[] = [];
  const s = await setUp(
    t,
    { onSubmit: () => arrivals.push(performance.now()) },
    'tps=100&window=50',
  );
  const start = performance.now();
  const numbers = Array.from({ length: 250 }, nextMobile);
  await Promise.all(numbers.map((n) => dispatch(s.transport, n)));
  const elapsed = performance.now() - start;
  let worst = 0;
  for (let i = 0, j = 0; i < arrivals.length; i += 1) {
    while (arrivals[i]! - arrivals[j]! >= 1000) j += 1;
    worst = Math.max(worst, i - j + 1);
  }
  assert.ok(worst <= 100, `${worst} submits within one second`);
  assert.ok(worst >= 90, `the limit is used, not undershot (${worst})`);
  assert.ok(elapsed >= 2000 && elapsed < 4000, `250 at 100 tps took ${elapsed} ms`);
});

test('faults: a later part throttled is retried in place; the message is not failed nor doubled', async (t) => {
  const s = await setUp(t, { throttleRate: 0.3, seed: 11 }, 'window=1');
  const text = 'Soldes Dupont: tout le magasin a -20% ce samedi. '.repeat(8).trim();
  let partial = 0;
  for (const n of Array.from({ length: 6 }, nextMobile)) {
    for (;;) {
      const r = await s.transport.send({ id: n, to: n, from: 'DUPONT', text });
      if (r.accepted) {
        assert.equal(r.partIds.length, 3);
        break;
      }
      if (r.permanent) partial += 1;
      if (r.permanent) break;
    }
  }
  assert.equal(partial, 0);
  const accepted = s.server.submits.filter((x) => x.status === 0);
  assert.equal(accepted.length, 18);
  const keys = accepted.map((x) => `${x.destination}/${x.shortMessage[5]}`);
  assert.equal(new Set(keys).size, 18, 'no part sent twice');
});

test('enquire_link is sent when due; a link that stops answering is dropped and rebound', async (t) => {
  const server = await startSmscServer({ responseDelayMs: 1500 });
  const spec = parseTransportUrl(`smpp://texto:pw@127.0.0.1:${server.port}`) as SmppSpec;
  const transport = createSmppTransport({
    ...spec,
    onInbound: () => {},
    enquireLinkMs: 100,
    responseTimeoutMs: 300,
    reconnectMinMs: 20,
    reconnectMaxMs: 50,
    log: () => {},
  });
  t.after(async () => {
    await transport.close();
    await server.close();
  });
  await transport.binds[0]!.whenBound(2000);
  await waitFor(() => (server.stats.enquireLinks >= 2 ? true : undefined), 2000);
  await assert.rejects(
    transport.send({ id: 'slow', to: '+33611111119', from: 'DUPONT', text: 'Hi' }),
    /outcome unknown/,
  );
  await waitFor(() => (server.stats.binds >= 2 ? true : undefined), 3000);
});
