import type { HolidayZoneSource } from './holiday-source.ts';

/** A daily window in local minutes since midnight, half-open: start <= t < end. */
export interface DailyWindow {
  readonly start: number;
  readonly end: number;
}

/** What a layer says of a day: 'tolerated' passes with a warning (the charter's Sundays). */
export type DayRule = 'allowed' | 'tolerated' | 'blocked';

/** One window layer (rules.md FR-TIME-01): hours, weekdays (0 = Sunday) and public holidays. */
export interface WindowLayer {
  readonly hours: DailyWindow;
  readonly weekdays: readonly [DayRule, DayRule, DayRule, DayRule, DayRule, DayRule, DayRule];
  readonly holiday: DayRule;
}

/**
 * A jurisdiction's sending rules. Adding one (US, UK, DE, BE, ES, IT, CA) is one file
 * implementing this interface and its line in rule-packs.ts.
 */
export interface RulePack {
  readonly id: string;
  /** ISO regions of the numbers this pack governs. */
  readonly regions: readonly string[];
  /** The floor every policy must lie inside (the law, or the operators' charter). */
  readonly floor: WindowLayer;
  /** Named policies; `defaultPolicy` applies when a workspace chose none. */
  readonly policies: Readonly<Record<string, WindowLayer>>;
  readonly defaultPolicy: string;
  /** Best local slots for the planner: advice, never a block. */
  readonly advice: readonly DailyWindow[];
  /** IANA zones of a territory (several when the number cannot tell them apart). */
  zonesOf(territory: string): readonly string[];
  /** Holiday zones by id, each from date-holidays plus what it lacks. */
  readonly holidayZones: Readonly<Record<string, HolidayZoneSource>>;
  /** Holiday zones that apply to a territory, given the recipient's département if known. */
  holidayZonesFor(territory: string, department: string | null): readonly string[];
  /** The territory a département designates (e.g. '977' -> 'BL'), null when none. */
  territoryOfDepartment(department: string): string | null;
}
