import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTransportContract, waitFor } from './contract.test-suite.ts';
import { createSimulatorTransport } from './simulator.ts';
import type { InboundEvent } from './transport.ts';

runTransportContract('simulator', async () => {
  const events: InboundEvent[] = [];
  const transport = createSimulatorTransport({
    onInbound: (e) => {
      events.push(e);
    },
    receiptDelayMs: [5, 20],
    rejectRecipients: { '+33699999999': 'sim:invalid_destination' },
    throttleRecipients: ['+33699999998'],
  });
  return {
    transport,
    events,
    permanentTo: '+33699999999',
    transientTo: '+33699999998',
    reply: (from, to, text) => transport.injectReply(from, to, text),
    stop: async () => {},
  };
});

test('simulator: failures, STOP replies and expiry come at the configured rates', async () => {
  const events: InboundEvent[] = [];
  const sim = createSimulatorTransport({
    onInbound: (e) => {
      events.push(e);
    },
    receiptDelayMs: [1, 5],
    failureRate: 0.2,
    stopRate: 0.1,
    stopDelayMs: 1,
    seed: 3,
  });
  const n = 500;
  for (let i = 0; i < n; i += 1) {
    const r = await sim.send({
      id: `m${i}`,
      to: `+336${String(i).padStart(8, '0')}`,
      from: 'DUPONT',
      text: 'Promo',
    });
    assert.equal(r.accepted, true);
  }
  await waitFor(() => (events.filter((e) => e.kind === 'receipt').length === n ? true : undefined));
  const failed = events.filter((e) => e.kind === 'receipt' && e.status === 'undeliverable').length;
  assert.ok(failed > n * 0.12 && failed < n * 0.28, `failed ${failed}`);
  await new Promise((r) => setTimeout(r, 30));
  const stops = events.filter((e) => e.kind === 'reply' && e.text === 'STOP').length;
  assert.ok(stops > 10 && stops < 90, `stops ${stops}`);
  const expired = await sim.send({
    id: 'late',
    to: '+33600000001',
    from: 'DUPONT',
    text: 'Promo',
    validUntil: new Date(Date.now() - 1000),
  });
  assert.equal(expired.accepted, true);
  if (!expired.accepted) return;
  const receipt = await waitFor(() =>
    events.find((e) => e.kind === 'receipt' && e.gatewayId === expired.id),
  );
  assert.equal(receipt.kind === 'receipt' && receipt.status, 'expired');
  await sim.close();
});

test('simulator: message ids are unique across runs, as a gateway’s are', async () => {
  const first = async () => {
    const sim = createSimulatorTransport({ onInbound: () => {}, receiptDelayMs: [1, 2] });
    const sent = await sim.send({ id: 'm1', to: '+33612345678', from: 'DUPONT', text: 'Promo' });
    await sim.close();
    return sent.accepted ? sent.id : null;
  };
  // Two processes (two CLI runs on one database) each starting at their first message.
  assert.notEqual(await first(), await first());
});
