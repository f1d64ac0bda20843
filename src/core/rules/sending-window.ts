import { findHolidayCalendar } from './holiday-calendar.ts';
import type { RulePack, WindowLayer } from './rule-pack.ts';
import { findZoneClock } from './zone-clock.ts';
import { ZoneWindow } from './zone-window.ts';

/**
 * A recipient class's window: the same layer and holiday calendar in every candidate zone; an
 * instant is allowed only if every zone allows it (French Polynesia: intersection, FR-NUM-04).
 */
export interface SendingWindow {
  readonly zones: readonly ZoneWindow[];
  /** First instant at or after `utc` allowed in every zone; null if none within the horizon. */
  nextAllowed(utc: number): number | null;
  /** End of the allowed interval containing `utc` (which must be allowed). */
  windowEnd(utc: number): number;
}

const windows = new Map<string, SendingWindow>();

export function findSendingWindow(
  pack: RulePack,
  zones: readonly string[],
  holidayZones: readonly string[],
  layer: WindowLayer,
  policyKey: string,
): SendingWindow {
  const key = `${pack.id}|${zones.join(',')}|${holidayZones.join('+')}|${policyKey}`;
  let window = windows.get(key);
  if (!window) {
    const calendar = findHolidayCalendar(pack, holidayZones);
    window = createSendingWindow(
      zones.map((z) => new ZoneWindow(findZoneClock(z), calendar, layer)),
    );
    windows.set(key, window);
  }
  return window;
}

function createSendingWindow(zones: readonly ZoneWindow[]): SendingWindow {
  if (zones.length === 1) {
    const only = zones[0] as ZoneWindow;
    return {
      zones,
      nextAllowed: (utc) => only.nextAllowed(utc),
      windowEnd: (utc) => only.windowEnd(utc),
    };
  }
  return {
    zones,
    nextAllowed(utc) {
      let t = utc;
      for (let round = 0; round < 1000; round++) {
        let latest = t;
        for (const z of zones) {
          const next = z.nextAllowed(t);
          if (next === null) return null;
          if (next > latest) latest = next;
        }
        if (latest === t) return t;
        t = latest;
      }
      return null;
    },
    windowEnd(utc) {
      let end = Number.POSITIVE_INFINITY;
      for (const z of zones) end = Math.min(end, z.windowEnd(utc));
      return end;
    },
  };
}
