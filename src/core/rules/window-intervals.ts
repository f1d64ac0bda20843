import type { Recipient } from './recipient.ts';
import { findRecipientWindow } from './recipient-window.ts';

/** A half-open interval of epoch ms: start <= t < end. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * The allowed intervals of a recipient between two instants (half-open, clipped to [from, to)),
 * intersected over every candidate zone. Empty for a recipient that can never receive.
 */
export function windowIntervals(
  recipient: Recipient,
  from: number,
  to: number,
  policy?: string,
): Interval[] {
  const rw = findRecipientWindow(recipient, policy);
  if (!rw.ok) return [];
  const intervals: Interval[] = [];
  let t = from;
  while (t < to) {
    const start = rw.window.nextAllowed(t);
    if (start === null || start >= to) break;
    const end = Math.min(rw.window.windowEnd(start), to);
    intervals.push({ start, end });
    t = end;
  }
  return intervals;
}
