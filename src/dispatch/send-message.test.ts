import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClaimedMessage } from '../store/message-queue.ts';
import type { SendResult, Transport } from '../transports/transport.ts';
import { maxAttempts } from './retry-delay.ts';
import { sendMessage } from './send-message.ts';

const message = (attempts: number): ClaimedMessage => ({
  id: 7,
  workspaceId: 'default',
  campaignId: 'cmp',
  contactId: 1,
  licenceId: null,
  seed: false,
  phone: '+33612345678',
  text: 'Promo STOP au 36180',
  parts: 1,
  attempts,
});

const answering = (result: SendResult) =>
  ({ send: async () => result, close: async () => {} }) as unknown as Transport;

const send = (result: SendResult, attempts: number) =>
  sendMessage(
    answering(result),
    message(attempts),
    { sender: 'DUPONT', validUntil: 2e12 },
    () => 0,
  );

test('a gateway out of reach never uses up a message’s tries; its own rejections do', async () => {
  const last = maxAttempts - 1;
  const throttled = await send({ accepted: false, permanent: false, code: 'smpp:0x58' }, last);
  assert.deepEqual(throttled, {
    kind: 'change',
    from: 'submitting',
    change: { id: 7, state: 'failed', errorCode: 'retries_exhausted:smpp:0x58' },
  });
  for (const code of ['smpp:not_bound', 'kannel:not_sent', 'webhook:not_sent']) {
    const down = await send({ accepted: false, permanent: false, code, unreachable: true }, 50);
    assert.equal(down.kind === 'change' && down.change.state, 'planned', code);
    // Retried at the backoff's ceiling, a minute, not in a busy loop.
    assert.equal(
      down.kind === 'change' && down.change.nextAttemptAt,
      new Date(60_000).toISOString(),
    );
  }
});
