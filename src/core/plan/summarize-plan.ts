import type { WindowClass } from '../preflight/window-class.ts';
import type { DailyWindow } from '../rules/rule-pack.ts';
import { findZoneClock } from '../rules/zone-clock.ts';
import { findPartPrice, type PriceTable } from './price-table.ts';

export interface TerritorySummary {
  readonly messages: number;
  readonly parts: number;
  readonly costEur: number;
  readonly unplaceable: number;
}

export interface PlanSummary {
  /** First planned hand-off (ISO), null when nothing is planned. */
  readonly start: string | null;
  /** Expected completion: the last planned hand-off (ISO). */
  readonly end: string | null;
  readonly planned: number;
  readonly unplaceable: number;
  /** Planned messages per calendar day in `dayZone` (YYYY-MM-DD). */
  readonly perDay: Readonly<Record<string, number>>;
  /** Planned messages per slot of the recipient's local day: the best slots, or 'other'. */
  readonly perSlot: Readonly<Record<string, number>>;
  readonly perTerritory: Readonly<Record<string, TerritorySummary>>;
  readonly parts: number;
  readonly costEur: number;
  readonly tps: number;
  readonly dayZone: string;
}

export interface SummaryInput {
  readonly plannedAt: Float64Array;
  readonly parts: ArrayLike<number>;
  readonly classOf: ArrayLike<number>;
  readonly classes: readonly WindowClass[];
  readonly prices: PriceTable;
  readonly bestSlots: readonly DailyWindow[];
  readonly tps: number;
  /** The zone whose calendar days `perDay` counts in (the workspace's; default Europe/Paris). */
  readonly dayZone: string;
}

const day = 86_400_000;
const minute = 60_000;

/** Counts per day, per slot and per territory, parts and cost of a plan. */
export function summarizePlan(input: SummaryInput): PlanSummary {
  const { plannedAt, parts, classOf, classes, bestSlots } = input;
  const dayClock = findZoneClock(input.dayZone);
  const clocks = classes.map((c) => findZoneClock(c.timeZones[0] ?? 'UTC'));
  const prices = classes.map((c) => findPartPrice(input.prices, c.territories));
  const labels = classes.map((c) => c.territories.join('/'));
  const perDay = new Map<number, number>();
  const slotCounts = new Array<number>(bestSlots.length + 1).fill(0);
  const perTerritory: Record<
    string,
    { messages: number; parts: number; costEur: number; unplaceable: number }
  > = {};
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let planned = 0;
  let totalParts = 0;
  let cost = 0;
  for (let i = 0; i < plannedAt.length; i++) {
    const c = classOf[i]!;
    const label = labels[c]!;
    let entry = perTerritory[label];
    if (!entry) {
      entry = { messages: 0, parts: 0, costEur: 0, unplaceable: 0 };
      perTerritory[label] = entry;
    }
    const t = plannedAt[i]!;
    if (Number.isNaN(t)) {
      entry.unplaceable++;
      continue;
    }
    const p = parts[i]!;
    planned++;
    totalParts += p;
    cost += p * prices[c]!;
    entry.messages++;
    entry.parts += p;
    entry.costEur += p * prices[c]!;
    if (t < first) first = t;
    if (t > last) last = t;
    const d = Math.floor((t + dayClock.offsetAt(t) * minute) / day);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
    const local = (((t + clocks[c]!.offsetAt(t) * minute) % day) + day) % day;
    const m = local / minute;
    let slot = bestSlots.length;
    for (let s = 0; s < bestSlots.length; s++) {
      if (m >= bestSlots[s]!.start && m < bestSlots[s]!.end) slot = s;
    }
    slotCounts[slot]!++;
  }
  const perSlot: Record<string, number> = {};
  bestSlots.forEach((s, i) => {
    perSlot[`${formatMinutes(s.start)}-${formatMinutes(s.end)}`] = slotCounts[i]!;
  });
  perSlot.other = slotCounts[bestSlots.length]!;
  for (const entry of Object.values(perTerritory)) entry.costEur = roundCents(entry.costEur);
  return {
    start: planned > 0 ? new Date(first).toISOString() : null,
    end: planned > 0 ? new Date(last).toISOString() : null,
    planned,
    unplaceable: plannedAt.length - planned,
    perDay: Object.fromEntries(
      [...perDay.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([d, n]) => [new Date(d * day).toISOString().slice(0, 10), n]),
    ),
    perSlot,
    perTerritory,
    parts: totalParts,
    costEur: roundCents(cost),
    tps: input.tps,
    dayZone: input.dayZone,
  };
}

function formatMinutes(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function roundCents(eur: number): number {
  return Math.round(eur * 100) / 100;
}
