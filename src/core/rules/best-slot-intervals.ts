import type { Recipient } from './recipient.ts';
import { findRecipientWindow } from './recipient-window.ts';
import { findSendingWindow } from './sending-window.ts';
import type { Interval } from './window-intervals.ts';

/**
 * The ADVICE layer for the planner: the parts of the recipient's allowed intervals that fall in
 * the pack's best local slots (FR: 11:00-12:30 and 18:00-19:30, UNSOURCED, never a block),
 * between two instants, sorted. Empty for a recipient that can never receive.
 */
export function bestSlotIntervals(
  recipient: Recipient,
  from: number,
  to: number,
  policy?: string,
): Interval[] {
  const rw = findRecipientWindow(recipient, policy);
  if (!rw.ok) return [];
  const { pack, zones, holidayZones } = rw.resolved;
  const layer = rw.policy.layer;
  const intervals: Interval[] = [];
  for (const [i, slot] of pack.advice.entries()) {
    const start = Math.max(slot.start, layer.hours.start);
    const end = Math.min(slot.end, layer.hours.end);
    if (start >= end) continue;
    const window = findSendingWindow(
      pack,
      zones,
      holidayZones,
      { ...layer, hours: { start, end } },
      `${rw.policy.spec}#advice${i}`,
    );
    let t = from;
    while (t < to) {
      const s = window.nextAllowed(t);
      if (s === null || s >= to) break;
      const e = Math.min(window.windowEnd(s), to);
      intervals.push({ start: s, end: e });
      t = e;
    }
  }
  return intervals.sort((a, b) => a.start - b.start);
}
