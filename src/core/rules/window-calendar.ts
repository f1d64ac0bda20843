import { DomainError } from '../domain-error.ts';
import type { Recipient } from './recipient.ts';
import { findRecipientWindow } from './recipient-window.ts';
import type { Interval } from './window-intervals.ts';
import { windowIntervals } from './window-intervals.ts';
import { findZoneClock } from './zone-clock.ts';
import type { ZoneReason } from './zone-window.ts';

const day = 86_400_000;

export interface CalendarDay {
  /** Local date in the recipient's first zone, YYYY-MM-DD. */
  date: string;
  /** Allowed intervals starting that local day (epoch ms, half-open), every zone intersected. */
  intervals: Interval[];
  /** Why the day is closed or restricted at local noon ('ok' when open then). */
  reason: ZoneReason;
  holiday?: string;
}

/** Longest calendar one call builds. */
export const maxCalendarDays = 400;

/**
 * The allowed intervals of a recipient day by day, from one local date to another (both
 * included), in the recipient's first zone's calendar. Null when the recipient can never
 * receive (its refusal reason comes from isSendable).
 */
export function buildWindowCalendar(
  recipient: Recipient,
  fromDate: string,
  toDate: string,
  policy?: string,
): CalendarDay[] | null {
  const rw = findRecipientWindow(recipient, policy);
  if (!rw.ok) return null;
  const first = Date.parse(`${fromDate}T00:00:00Z`) / day;
  const last = Date.parse(`${toDate}T00:00:00Z`) / day;
  if (!Number.isInteger(first) || !Number.isInteger(last) || last < first) {
    throw new DomainError(
      'invalid_input',
      `calendar range ${fromDate}..${toDate} is empty or not made of dates`,
    );
  }
  if (last - first + 1 > maxCalendarDays) {
    throw new DomainError('invalid_input', `calendar range is longer than ${maxCalendarDays} days`);
  }
  const clock = findZoneClock(rw.resolved.zones[0] as string);
  const from = clock.toUtc(first * day);
  const to = clock.toUtc((last + 1) * day);
  const intervals = windowIntervals(recipient, from, to, policy);
  const days: CalendarDay[] = [];
  for (let d = first; d <= last; d++) {
    const start = clock.toUtc(d * day);
    const end = clock.toUtc((d + 1) * day);
    const noon = rw.window.zones.map((z) => z.status(clock.toUtc(d * day + day / 2)));
    const closed = noon.find((s) => s.reason !== 'ok' && s.reason !== 'outside-hours');
    const entry: CalendarDay = {
      date: new Date(d * day).toISOString().slice(0, 10),
      intervals: intervals.filter((i) => i.start >= start && i.start < end),
      reason: closed?.reason ?? (noon.some((s) => s.reason !== 'ok') ? 'outside-hours' : 'ok'),
    };
    const holiday = noon.find((s) => s.holiday !== undefined)?.holiday;
    if (holiday !== undefined) entry.holiday = holiday;
    days.push(entry);
  }
  return days;
}
