/** Transient rejections are retried this many times (attempts), then the message fails. */
export const maxAttempts = 10;

/**
 * The wait before retrying a transient rejection (throttled, queue full, not sent): what the
 * gateway asked for, else 1 s doubling per attempt up to 60 s.
 */
export function computeRetryDelay(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return Math.min(retryAfterMs, 300_000);
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}
