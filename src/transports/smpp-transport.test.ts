import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { nextMobile, runTransportContract, waitFor } from './contract.test-suite.ts';
import { parseTransportUrl, type SmppSpec } from './parse-transport-url.ts';
import { createSmppTransport, type SmppTransportOptions } from './smpp-transport.ts';
import { type SmscServer, type SmscServerOptions, startSmscServer } from './smsc-server.ts';
import type { InboundEvent, ReceiptEvent, SendResult } from './transport.ts';

const quiet = () => {};

/** Starts a simulator SMSC and a client; both are stopped after the test, pass or fail. */
async function setUp(
  t: TestContext | undefined,
  serverOptions: SmscServerOptions,
  query = '',
  extra: Partial<SmppTransportOptions> = {},
): Promise<{
  server: SmscServer;
  transport: ReturnType<typeof createSmppTransport>;
  events: InboundEvent[];
}> {
  const server = await startSmscServer(serverOptions);
  const spec = parseTransportUrl(
    `smpp://texto:secret@127.0.0.1:${server.port}${query ? `?${query}` : ''}`,
  ) as SmppSpec;
  const events: InboundEvent[] = [];
  const transport = createSmppTransport({
    ...spec,
    onInbound: (e) => {
      events.push(e);
    },
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    bindWaitMs: 2000,
    log: quiet,
    ...extra,
  });
  t?.after(() => tearDown({ server, transport }));
  return { server, transport, events };
}

async function tearDown(s: { server: SmscServer; transport: { close(): Promise<void> } }) {
  await s.transport.close();
  await s.server.close();
}

runTransportContract('smpp (Texto simulator SMSC)', async () => {
  const s = await setUp(undefined, {
    rejectDestinations: { '33699999999': 0x0b, '33699999998': 0x58 },
  });
  return {
    transport: s.transport,
    events: s.events,
    permanentTo: '+33699999999',
    transientTo: '+33699999998',
    reply: async (from, to, text) => {
      assert.equal(s.server.sendReply(from, to, text), true);
    },
    received: () =>
      s.server.submits
        .filter((r) => r.status === 0)
        .map((r) => ({
          to: r.destination,
          dataCoding: r.dataCoding,
          bytes:
            r.esmClass & 0x40 ? r.shortMessage.subarray(r.shortMessage[0]! + 1) : r.shortMessage,
        })),
    stop: () => s.server.close(),
  };
});

const longText = 'Soldes Dupont: tout le magasin a -20% ce samedi. '.repeat(8).trim();

test('smpp: long messages by UDH, SAR or message_payload, per connection', async (t) => {
  const cases = [
    { long: 'udh', submits: 3, esm: 0x40, sar: false, payload: false },
    { long: 'sar', submits: 3, esm: 0, sar: true, payload: false },
    { long: 'payload', submits: 1, esm: 0, sar: false, payload: true },
  ] as const;
  for (const c of cases) {
    const s = await setUp(t, {}, `long=${c.long}`);
    const r = await s.transport.send({
      id: 'long',
      to: '+33611111111',
      from: 'DUPONT',
      text: longText,
    });
    assert.equal(r.accepted, true, c.long);
    assert.equal(s.server.submits.length, c.submits, c.long);
    for (const [i, sub] of s.server.submits.entries()) {
      assert.equal(sub.esmClass, c.esm, c.long);
      assert.equal(sub.dataCoding, 0);
      if (c.long === 'udh') {
        assert.deepEqual([...sub.shortMessage.subarray(0, 3)], [5, 0, 3]);
        assert.deepEqual([...sub.shortMessage.subarray(4, 6)], [3, i + 1]);
      }
      if (c.sar)
        assert.deepEqual({ total: sub.sar?.total, seq: sub.sar?.seq }, { total: 3, seq: i + 1 });
      if (c.payload) {
        assert.equal(sub.shortMessage.length, 0);
        assert.equal(sub.messagePayload?.toString('latin1'), longText);
      }
    }
    if (c.long !== 'payload') {
      const refs = new Set(s.server.submits.map((x) => (c.sar ? x.sar?.ref : x.shortMessage[3])));
      assert.equal(refs.size, 1, 'one reference for all parts');
    }
  }
});

test('smpp: TON/NPI per sender kind, destination 1/1 without +, validity_period, registered_delivery', async (t) => {
  const s = await setUp(t, {});
  const validUntil = new Date('2026-11-28T19:00:00Z');
  const senders = [
    { from: 'DUPONT', ton: 5, npi: 0, source: 'DUPONT' },
    { from: '36180', ton: 3, npi: 0, source: '36180' },
    { from: '+33612345678', ton: 1, npi: 1, source: '33612345678' },
  ];
  for (const c of senders) {
    await s.transport.send({
      id: c.from,
      to: '+262692123456',
      from: c.from,
      text: 'Hi',
      validUntil,
    });
    const sub = s.server.submits.at(-1)!;
    assert.deepEqual(
      [sub.sourceTon, sub.sourceNpi, sub.source, sub.destTon, sub.destNpi, sub.destination],
      [c.ton, c.npi, c.source, 1, 1, '262692123456'],
    );
    assert.equal(sub.registeredDelivery, 1);
    assert.equal((sub.validityPeriod as Date).getTime(), validUntil.getTime());
  }
});

test('smpp: receipts by text id when no TLV, hex submit ids vs decimal receipt ids', async (t) => {
  const s = await setUp(t, { receiptIds: 'hex-dec', receiptTlv: false }, 'ids=hex-dec');
  const r = await s.transport.send({ id: 'x', to: '+33611111112', from: 'DUPONT', text: longText });
  assert.equal(r.accepted, true);
  if (!r.accepted) return;
  const ids = await waitFor(() => {
    const got = s.events
      .filter((e): e is ReceiptEvent => e.kind === 'receipt')
      .map((e) => e.gatewayId);
    return got.length === 3 ? got : undefined;
  });
  assert.deepEqual(ids.sort(), [...r.partIds].sort());
  const answered = s.server.submits.map((x) => String(Number.parseInt(x.messageId!, 16)));
  assert.deepEqual(answered, [...r.partIds]);
});

test('smpp: generic_nack fails the message with its status; MO decoded by data_coding', async (t) => {
  const s = await setUp(t, { nackDestinations: ['33600000009'] });
  const r = await s.transport.send({ id: 'n', to: '+33600000009', from: 'DUPONT', text: 'Hi' });
  assert.deepEqual(r, { accepted: false, permanent: true, code: 'smpp:0x00000003' });
  const replies = [
    { text: 'Arrêt', dc: 3 },
    { text: 'STOP svp', dc: 1 },
    { text: 'Arrête 🙏', dc: 8 },
  ];
  for (const c of replies) {
    const from = nextMobile();
    assert.equal(s.server.sendReply(from, '36180', c.text, c.dc), true);
    const got = await waitFor(() => s.events.find((e) => e.kind === 'reply' && e.from === from));
    assert.equal(got.kind === 'reply' && got.text, c.text);
  }
});

test('smpp: a refused bind gives transient not_bound, never a crash', async (t) => {
  const s = await setUp(t, { systemId: 'texto', password: 'other' }, '', { bindWaitMs: 300 });
  const r = await s.transport.send({ id: 'b', to: '+33611111113', from: 'DUPONT', text: 'Hi' });
  assert.deepEqual(r, {
    accepted: false,
    permanent: false,
    code: 'smpp:not_bound',
    unreachable: true,
  });
  assert.equal(s.server.submits.length, 0);
});

test('smpp: several binds are used round robin and unbound cleanly on close', async (t) => {
  const s = await setUp(t, {}, 'binds=3');
  await waitFor(() => (s.transport.binds.every((b) => b.bound) ? true : undefined));
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      s.transport.send({ id: `r${i}`, to: nextMobile(), from: 'DUPONT', text: 'Hi' }),
    ),
  );
  assert.ok(results.every((r) => r.accepted));
  const perConnection = new Map<number, number>();
  for (const sub of s.server.submits) {
    perConnection.set(sub.connection, (perConnection.get(sub.connection) ?? 0) + 1);
  }
  assert.deepEqual([...perConnection.values()], [10, 10, 10]);
  await s.transport.close();
  assert.equal(s.server.stats.unbinds, 3);
});

test('smpp: transmitter + receiver binds (bind=tx-rx) send and receive', async (t) => {
  const s = await setUp(t, {}, 'bind=tx-rx');
  const r: SendResult = await s.transport.send({
    id: 't',
    to: '+33611111114',
    from: 'DUPONT',
    text: 'Hi',
  });
  assert.equal(r.accepted, true);
  await waitFor(() => s.events.find((e) => e.kind === 'receipt'));
  assert.equal(s.server.stats.binds, 2);
});
