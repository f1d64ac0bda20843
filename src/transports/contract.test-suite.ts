/**
 * The contract every transport passes (architecture.md "Transports"), run by each transport's
 * test file against a real gateway on loopback (or the in-process simulator).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InboundEvent, ReceiptEvent, ReplyEvent, Transport } from './transport.ts';

export interface ReceivedMessage {
  readonly to: string;
  readonly dataCoding: number;
  /** The text bytes as the gateway got them (UDH stripped). */
  readonly bytes: Buffer;
}

export interface ContractHarness {
  readonly transport: Transport;
  /** Every inbound event the transport reported, in order. */
  readonly events: InboundEvent[];
  /** A recipient the gateway refuses for good at send time. */
  readonly permanentTo: string;
  /** A recipient the gateway throttles at send time; undefined when it never does. */
  readonly transientTo: string | undefined;
  readonly transientSkipReason?: string;
  /** True when the gateway splits long messages itself and reports one id (Kannel). */
  readonly aggregatesParts?: boolean;
  /** Makes the gateway deliver a mobile-originated reply. */
  reply(from: string, to: string, text: string): Promise<void>;
  /** What the gateway received, when it can tell. */
  received?(): readonly ReceivedMessage[];
  stop(): Promise<void>;
}

let counter = 0;
/** A fresh French mobile number per call, so that tests never collide. */
export function nextMobile(): string {
  counter += 1;
  return `+3361${String(1_000_000 + counter)
    .slice(1)
    .padStart(7, '0')}`;
}

export async function waitFor<T>(find: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`nothing came within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function runTransportContract(name: string, create: () => Promise<ContractHarness>): void {
  describe(`transport contract: ${name}`, () => {
    let h: ContractHarness;
    before(async () => {
      h = await create();
    });
    after(async () => {
      await h.transport.close();
      await h.stop();
    });

    const cases = [
      // "Café à 20 €": é 05, à 7F, € = ESC 65 (sms-tech.md §2).
      { label: 'GSM-7', text: 'Café à 20 €', dataCoding: 0, hex: '43616605207f203230201b65' },
      {
        label: 'UCS-2',
        text: 'Fête des mères à 20 €',
        dataCoding: 8,
        hex: Buffer.from('Fête des mères à 20 €', 'utf16le').swap16().toString('hex'),
      },
    ];
    for (const c of cases) {
      test(`accepts a ${c.label} message with the exact bytes and data_coding ${c.dataCoding}`, async () => {
        const to = nextMobile();
        const result = await h.transport.send({ id: `m-${to}`, to, from: 'DUPONT', text: c.text });
        assert.equal(result.accepted, true, JSON.stringify(result));
        if (!result.accepted) return;
        assert.deepEqual(result.partIds, [result.id]);
        if (!h.received) return;
        const got = await waitFor(() => h.received!().find((r) => `+${r.to}` === to));
        assert.equal(got.dataCoding, c.dataCoding);
        assert.equal(got.bytes.toString('hex'), c.hex);
      });
    }

    test('accepts a 3-part message and reports every part id', async () => {
      const to = nextMobile();
      const text = 'Soldes Dupont: tout le magasin a -20% ce samedi. '.repeat(8).trim();
      const result = await h.transport.send({ id: `m-${to}`, to, from: '36180', text });
      assert.equal(result.accepted, true, JSON.stringify(result));
      if (!result.accepted) return;
      assert.equal(result.partIds.length, h.aggregatesParts ? 1 : 3);
      assert.equal(new Set(result.partIds).size, result.partIds.length);
      assert.equal(result.id, result.partIds[0]);
    });

    test('reports a permanent rejection with the gateway code', async () => {
      const to = h.permanentTo;
      const result = await h.transport.send({ id: 'm-perm', to, from: 'DUPONT', text: 'Bonjour' });
      assert.equal(result.accepted, false);
      if (result.accepted) return;
      assert.equal(result.permanent, true);
      assert.match(result.code, /\S/);
    });

    test('reports a transient rejection (not a failure)', async (t) => {
      const to = h.transientTo;
      if (to === undefined) {
        t.skip(h.transientSkipReason ?? 'this gateway never rejects transiently at send time');
        return;
      }
      const result = await h.transport.send({ id: 'm-tr', to, from: 'DUPONT', text: 'Bonjour' });
      assert.equal(result.accepted, false);
      if (result.accepted) return;
      assert.equal(result.permanent, false);
    });

    test('delivers a receipt matched to the id of the send', async () => {
      const to = nextMobile();
      const result = await h.transport.send({ id: `m-${to}`, to, from: 'DUPONT', text: 'Bonjour' });
      assert.equal(result.accepted, true, JSON.stringify(result));
      if (!result.accepted) return;
      const receipt = await waitFor(() =>
        h.events.find(
          (e): e is ReceiptEvent =>
            e.kind === 'receipt' && e.gatewayId === result.id && e.status === 'delivered',
        ),
      );
      assert.ok(receipt.at instanceof Date);
    });

    test('delivers MO replies, accents and all', async () => {
      for (const text of ['STOP', 'Arrêt', 'Désinscrire à 20 €']) {
        const from = nextMobile();
        await h.reply(from, '36180', text);
        const reply = await waitFor(() =>
          h.events.find((e): e is ReplyEvent => e.kind === 'reply' && e.from === from),
        );
        assert.equal(reply.text, text);
        assert.equal(reply.to, '36180');
      }
    });

    test('close() is clean and idempotent; send after close throws', async () => {
      await h.transport.close();
      await h.transport.close();
      await assert.rejects(
        h.transport.send({ id: 'late', to: nextMobile(), from: 'DUPONT', text: 'Bonjour' }),
      );
    });
  });
}
