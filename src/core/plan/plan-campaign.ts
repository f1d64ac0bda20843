import type { SlotMode } from '../campaign/campaign.ts';
import { DomainError } from '../domain-error.ts';
import type { EligibleSet } from '../preflight/run-preflight.ts';
import type { WindowClass } from '../preflight/window-class.ts';
import { findRulePack } from '../rules/rule-packs.ts';
import { type FillClass, type FillInterval, fillCapacity } from './fill-capacity.ts';
import { type Interval, intersectIntervals } from './intersect-intervals.ts';
import { listLocalSlots } from './list-local-slots.ts';
import { defaultPriceTable, type PriceTable } from './price-table.ts';
import { type PlanSummary, summarizePlan } from './summarize-plan.ts';

/** The legal sending intervals of a window class between two instants (epoch ms). */
export type WindowSource = (windowClass: WindowClass, from: number, to: number) => Interval[];

export interface PlanInput {
  readonly eligible: Pick<EligibleSet, 'classOf' | 'classes' | 'parts'>;
  readonly schedule: {
    readonly start: string;
    readonly finishBy?: string | undefined;
    readonly slots: SlotMode;
  };
  /** Gateway cap in SMS parts (submit_sm) per second. */
  readonly tps: number;
  readonly windows: WindowSource;
  readonly prices?: PriceTable;
  /** Rule pack giving the best slots (advice layer); FR by default. */
  readonly rulePack?: string;
  /** Without finish-by, how far the plan may reach before messages are declared unplaceable. */
  readonly maxHorizonDays?: number;
  /** Zone of the per-day counts (the workspace's); Europe/Paris by default. */
  readonly dayZone?: string;
  /** When given, nothing is planned before it (a start already past plans from now). */
  readonly now?: Date;
}

export interface Plan {
  /** Hand-off instant of each eligible message (epoch ms, NaN = unplaceable), by eligible index. */
  readonly plannedAt: Float64Array;
  /** End of the legal window of each planned message (SMPP validity_period). */
  readonly windowEndsAt: Float64Array;
  readonly summary: PlanSummary;
}

const day = 86_400_000;

/**
 * The send plan: every eligible message gets a hand-off instant inside its recipient's window
 * (only in the best slots when asked), from the start, under the throughput cap shared by all
 * classes, before finish-by; what cannot fit is unplaceable, never late. Each class's windows
 * are computed once over the horizon; without finish-by the horizon grows (31 days, then ×4) up
 * to `maxHorizonDays` (366) until everything fits.
 */
export function planCampaign(input: PlanInput): Plan {
  const { eligible, schedule } = input;
  const start = Math.max(
    Date.parse(schedule.start),
    input.now?.getTime() ?? Number.NEGATIVE_INFINITY,
  );
  const finishBy = schedule.finishBy ? Date.parse(schedule.finishBy) : null;
  if (Number.isNaN(start) || (finishBy !== null && Number.isNaN(finishBy))) {
    throw new DomainError(
      'invalid_input',
      'schedule.start and schedule.finishBy must be ISO instants',
      {
        schedule,
      },
    );
  }
  if (!Number.isInteger(input.tps) || input.tps < 1) {
    throw new DomainError(
      'invalid_input',
      `tps must be a whole number of parts per second ≥ 1, got ${input.tps}`,
      {
        tps: input.tps,
      },
    );
  }
  const pack = findRulePack(input.rulePack ?? 'FR');
  const bestSlots = pack?.advice ?? [];
  const members = groupMembers(eligible.classOf, eligible.classes.length);
  const maxHorizon = start + (input.maxHorizonDays ?? 366) * day;
  let horizon = finishBy ?? Math.min(start + 31 * day, maxHorizon);
  for (;;) {
    const classes: FillClass[] = eligible.classes.map((c, i) => ({
      intervals: computeFillIntervals(c, start, horizon, schedule.slots, bestSlots, input.windows),
      members: members[i]!,
    }));
    const fill = fillCapacity({
      classes,
      parts: eligible.parts,
      tps: input.tps,
      from: start,
      until: horizon,
    });
    if (fill.unplaceable === 0 || finishBy !== null || horizon >= maxHorizon) {
      const summary = summarizePlan({
        plannedAt: fill.plannedAt,
        parts: eligible.parts,
        classOf: eligible.classOf,
        classes: eligible.classes,
        prices: input.prices ?? defaultPriceTable,
        bestSlots,
        tps: input.tps,
        dayZone: input.dayZone ?? 'Europe/Paris',
      });
      return { plannedAt: fill.plannedAt, windowEndsAt: fill.windowEndsAt, summary };
    }
    horizon = Math.min(start + (horizon - start) * 4, maxHorizon);
  }
}

function groupMembers(classOf: ArrayLike<number>, count: number): Int32Array[] {
  const sizes = new Int32Array(count);
  for (let i = 0; i < classOf.length; i++) sizes[classOf[i]!]!++;
  const groups = Array.from(sizes, (n) => new Int32Array(n));
  const filled = new Int32Array(count);
  for (let i = 0; i < classOf.length; i++) {
    const c = classOf[i]!;
    groups[c]![filled[c]!++] = i;
  }
  return groups;
}

/**
 * A class's fill intervals in epoch seconds: its legal windows, cut to the best slots of every
 * zone of the class when asked, each carrying the end of its legal window.
 */
function computeFillIntervals(
  windowClass: WindowClass,
  from: number,
  to: number,
  slots: SlotMode,
  bestSlots: PlanSlotList,
  windows: WindowSource,
): FillInterval[] {
  // Ask a day beyond the horizon so a window running past it keeps its true end (validity).
  const legal = windows(windowClass, from, to + day);
  let usable: Interval[] = legal.map((w) => ({ start: w.start, end: Math.min(w.end, to) }));
  if (slots === 'best') {
    for (const zone of windowClass.timeZones) {
      usable = intersectIntervals(usable, listLocalSlots(zone, bestSlots, from, to));
    }
  }
  const out: FillInterval[] = [];
  let w = 0;
  for (const u of usable) {
    while (w < legal.length && legal[w]!.end <= u.start) w++;
    const start = Math.ceil(u.start / 1000);
    const end = Math.floor(u.end / 1000);
    if (start < end) out.push({ start, end, legalEnd: Math.floor(legal[w]!.end / 1000) });
  }
  return out;
}

type PlanSlotList = NonNullable<ReturnType<typeof findRulePack>>['advice'];
