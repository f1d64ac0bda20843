import type { ClaimedMessage } from '../store/message-queue.ts';
import type { Transport } from '../transports/transport.ts';
import type { Outcome } from './outcome-writer.ts';
import { computeRetryDelay, maxAttempts } from './retry-delay.ts';

/**
 * Hands one message (already `submitting`, durably) to the transport and turns the answer into
 * its outcome: accepted → submitted with its part ids; transient → planned again after a
 * backoff (nothing left), failed after `maxAttempts` unless the gateway was out of reach;
 * permanent → failed with the gateway code; a throw (outcome unknown:
 * the PDU may have left) → unknown, never resent.
 */
export async function sendMessage(
  transport: Transport,
  message: ClaimedMessage,
  send: { sender: string; validUntil: number },
  now: () => number,
): Promise<Outcome> {
  const attempts = message.attempts + 1;
  try {
    const result = await transport.send({
      id: String(message.id),
      to: message.phone,
      from: send.sender,
      text: message.text,
      validUntil: new Date(send.validUntil),
    });
    if (result.accepted) return { kind: 'submitted', id: message.id, partIds: result.partIds };
    // A gateway out of reach for a while (an SMSC restarting, a link down) is not the message's
    // fault: only rejections the gateway itself gave use up its tries.
    if (result.permanent || (attempts >= maxAttempts && !result.unreachable)) {
      const code = result.permanent ? result.code : `retries_exhausted:${result.code}`;
      return {
        kind: 'change',
        from: 'submitting',
        change: { id: message.id, state: 'failed', errorCode: code },
      };
    }
    const at = now() + computeRetryDelay(attempts, result.retryAfterMs);
    return {
      kind: 'change',
      from: 'submitting',
      change: {
        id: message.id,
        state: 'planned',
        nextAttemptAt: new Date(at).toISOString(),
        errorCode: result.code,
      },
    };
  } catch (error) {
    const code = `unknown:${error instanceof Error ? error.message.slice(0, 120) : 'error'}`;
    return {
      kind: 'change',
      from: 'submitting',
      change: { id: message.id, state: 'unknown', errorCode: code },
    };
  }
}
