import type { HolidayCalendar } from './holiday-calendar.ts';
import type { DayRule, WindowLayer } from './rule-pack.ts';
import type { ZoneClock } from './zone-clock.ts';

const day = 86_400_000;
const minute = 60_000;
/** How far ahead a search looks before giving up (a policy with no open day). */
export const searchDays = 800;

export type ZoneReason = 'ok' | 'outside-hours' | 'sunday' | 'holiday' | 'closed-day';

export interface ZoneStatus {
  readonly reason: ZoneReason;
  readonly holiday: string | undefined;
  /** 'tolerated' when the layer lets the day pass only with a warning. */
  readonly dayRule: DayRule;
  readonly local: number;
  readonly offset: number;
}

/**
 * One zone's window under one layer and holiday calendar: status at an instant, next allowed
 * instant, end of the current window. All arithmetic on local days once the offset is known.
 */
export class ZoneWindow {
  readonly clock: ZoneClock;
  readonly calendar: HolidayCalendar;
  readonly layer: WindowLayer;
  private readonly startMs: number;
  private readonly endMs: number;

  constructor(clock: ZoneClock, calendar: HolidayCalendar, layer: WindowLayer) {
    this.clock = clock;
    this.calendar = calendar;
    this.layer = layer;
    this.startMs = layer.hours.start * minute;
    this.endMs = layer.hours.end * minute;
  }

  status(utc: number): ZoneStatus {
    const offset = this.clock.offsetAt(utc);
    const local = utc + offset * minute;
    const d = Math.floor(local / day);
    const holiday = this.calendar.nameOn(d);
    const weekday = (d + 4) % 7;
    const weekRule = this.layer.weekdays[weekday] as DayRule;
    const holidayRule: DayRule = holiday === undefined ? 'allowed' : this.layer.holiday;
    let reason: ZoneReason = 'ok';
    if (holidayRule === 'blocked') reason = 'holiday';
    else if (weekRule === 'blocked') reason = weekday === 0 ? 'sunday' : 'closed-day';
    else {
      const inDay = local - d * day;
      if (inDay < this.startMs || inDay >= this.endMs) reason = 'outside-hours';
    }
    const dayRule: DayRule =
      weekRule === 'blocked' || holidayRule === 'blocked'
        ? 'blocked'
        : weekRule === 'tolerated' || holidayRule === 'tolerated'
          ? 'tolerated'
          : 'allowed';
    return { reason, holiday, dayRule, local, offset };
  }

  private isOpenDay(d: number): boolean {
    if (this.layer.weekdays[(d + 4) % 7] === 'blocked') return false;
    return this.layer.holiday !== 'blocked' || this.calendar.nameOn(d) === undefined;
  }

  /** The first allowed instant at or after `utc` in this zone, null if none within the horizon. */
  nextAllowed(utc: number): number | null {
    const first = Math.floor((utc + this.clock.offsetAt(utc) * minute) / day);
    for (let d = first; d < first + searchDays; d++) {
      if (!this.isOpenDay(d)) continue;
      const end = this.clock.toUtc(d * day + this.endMs);
      if (utc >= end) continue;
      const start = this.clock.toUtc(d * day + this.startMs);
      return Math.max(utc, start);
    }
    return null;
  }

  /** The end of the window containing an allowed instant. */
  windowEnd(utc: number): number {
    const d = Math.floor((utc + this.clock.offsetAt(utc) * minute) / day);
    return this.clock.toUtc(d * day + this.endMs);
  }
}
