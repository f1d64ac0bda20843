/**
 * A send rate limit: at most `limit` sends in ANY window of `windowMs` (a sliding-window log,
 * the strict form of a token bucket whose capacity is one window of tokens). SMSCs count TPS
 * per second; a classic bucket of capacity C lets C + rate through in one second, this never
 * does. Time is a parameter (monotonic milliseconds), so it is tested without a clock.
 */
export interface SendRateLimiter {
  /** Milliseconds before a send is allowed at `now` (0 = now). Takes nothing. */
  waitAt(now: number): number;
  /** Records a send at `now`; call only when `waitAt(now)` is 0. */
  take(now: number): void;
}

export function createSendRateLimiter(limit: number, windowMs: number): SendRateLimiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  const stamps = new Float64Array(limit);
  let head = 0;
  let count = 0;
  return {
    waitAt(now) {
      if (count < limit) return 0;
      const age = now - stamps[head]!;
      return age >= windowMs ? 0 : windowMs - age;
    },
    take(now) {
      if (count < limit) {
        stamps[(head + count) % limit] = now;
        count += 1;
        return;
      }
      stamps[head] = now;
      head = (head + 1) % limit;
    },
  };
}

/**
 * The per-bind limit for `tps`: at most `tps` submits in any 1.05 s and at most a tenth of that
 * in any 105 ms. The 5% margin keeps a burst that reaches the SMSC late (jitter, its queue) from
 * landing in the same second as the next one; the short window spreads the second's submits so
 * that bursts stay small. Returns the wait before the next submit, taking the slot when 0.
 */
export function createTpsLimiter(tps: number): (now: number) => number {
  const second = createSendRateLimiter(tps, 1050);
  const tenth = createSendRateLimiter(Math.ceil(tps / 10), 105);
  return (now) => {
    const wait = Math.max(second.waitAt(now), tenth.waitAt(now));
    if (wait > 0) return wait;
    second.take(now);
    tenth.take(now);
    return 0;
  };
}
