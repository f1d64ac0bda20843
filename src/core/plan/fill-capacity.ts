/**
 * The capacity filler of the send plan. Time is cut in whole seconds; every second carries `tps`
 * SMS parts (a gateway's TPS counts submit_sm PDUs, i.e. parts). The timeline is global: every
 * window class draws from it. At any instant, among the classes whose window is open and which
 * still have messages, the class whose window closes first is served (earliest deadline first),
 * which packs the most messages before windows close; inside a class, messages go in recipient
 * id order. Output is deterministic.
 */
export interface FillInterval {
  /** Epoch seconds, inclusive. */
  readonly start: number;
  /** Epoch seconds, exclusive. */
  readonly end: number;
  /** End (epoch seconds) of the legal window containing this interval (SMPP validity). */
  readonly legalEnd: number;
}

export interface FillClass {
  /** Sorted, disjoint. */
  readonly intervals: readonly FillInterval[];
  /** Indices of the class's messages, ascending (recipient id order). */
  readonly members: ArrayLike<number>;
}

export interface FillInput {
  readonly classes: readonly FillClass[];
  /** Parts of each message, by message index. */
  readonly parts: ArrayLike<number>;
  readonly tps: number;
  /** Epoch milliseconds: nothing before. */
  readonly from: number;
  /** Epoch milliseconds: every planned instant is strictly before. */
  readonly until: number;
}

export interface FillResult {
  /** Epoch ms of the hand-off of each message; NaN when it could not be placed. */
  readonly plannedAt: Float64Array;
  /** Epoch ms of the end of the message's legal window; NaN when not placed. */
  readonly windowEndsAt: Float64Array;
  readonly placed: number;
  readonly unplaceable: number;
}

export function fillCapacity(input: FillInput): FillResult {
  const { classes, parts, tps } = input;
  const count = parts.length;
  const plannedAt = new Float64Array(count).fill(Number.NaN);
  const windowEndsAt = new Float64Array(count).fill(Number.NaN);
  const until = Math.floor(input.until / 1000 - 1e-9) + 1; // seconds; a second < until may start
  const limit = input.until;
  const intervalAt = new Int32Array(classes.length);
  const nextMember = new Int32Array(classes.length);
  let t = Math.ceil(input.from / 1000);
  let used = 0;
  let placed = 0;

  while (t < until) {
    // Advance each class's interval pointer past intervals already over; pick the open class
    // whose interval ends first, and find the next instant another class opens.
    let best = -1;
    let bestEnd = Number.POSITIVE_INFINITY;
    let nextOpen = Number.POSITIVE_INFINITY;
    for (let c = 0; c < classes.length; c++) {
      const cls = classes[c]!;
      if (nextMember[c]! >= cls.members.length) continue;
      let i = intervalAt[c]!;
      while (i < cls.intervals.length && cls.intervals[i]!.end <= t) i++;
      intervalAt[c] = i;
      const interval = cls.intervals[i];
      if (!interval) continue;
      if (interval.start <= t) {
        if (interval.end < bestEnd) {
          best = c;
          bestEnd = interval.end;
        }
      } else if (interval.start < nextOpen) nextOpen = interval.start;
    }
    if (best < 0) {
      if (nextOpen === Number.POSITIVE_INFINITY) break;
      t = nextOpen;
      used = 0;
      continue;
    }
    const cls = classes[best]!;
    const interval = cls.intervals[intervalAt[best]!]!;
    const stop = Math.min(bestEnd, nextOpen, until);
    const legalEnd = interval.legalEnd * 1000;
    let m = nextMember[best]!;
    while (m < cls.members.length) {
      const index = cls.members[m]!;
      const p = parts[index]!;
      if (used > 0 && used + p > tps) {
        t++;
        used = 0;
      }
      if (t >= stop) break;
      const at = t * 1000 + Math.floor((used * 1000) / tps);
      if (at >= limit) {
        t = until;
        break;
      }
      plannedAt[index] = at;
      windowEndsAt[index] = legalEnd;
      placed++;
      m++;
      used += p;
      if (used >= tps) {
        t += Math.ceil(used / tps);
        used = 0;
      }
    }
    nextMember[best] = m;
    if (t < stop && m >= cls.members.length) continue; // class exhausted: others may use the rest
    if (t < stop) t = stop;
  }
  return { plannedAt, windowEndsAt, placed, unplaceable: count - placed };
}
