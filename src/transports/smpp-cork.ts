import type { Socket } from 'node:net';

const corked = new WeakSet<Socket>();

/**
 * Holds the socket's writes until the current event-loop turn has run (its callbacks, ticks and
 * promise jobs): the PDUs written meanwhile (submit_sm after a burst of submit_sm_resp,
 * deliver_sm_resp after a group commit) leave in one `writev` instead of one syscall each — the
 * largest CPU cost per message of the transport. Order is kept (one stream), the window and
 * the rate limit are untouched (they decide what is written, not when it is flushed).
 * Idempotent within a turn.
 */
export function corkForThisTurn(socket: Socket): void {
  if (corked.has(socket)) return;
  corked.add(socket);
  socket.cork();
  process.nextTick(() => {
    corked.delete(socket);
    socket.uncork();
  });
}
