/**
 * FR-SND-04: recipients report spam to 33700 and operators cut the senders that draw it. rules.md
 * asks to watch opt-out rates and pause above a threshold it leaves unsourced (U), so it is a
 * setting (TEXTO_OPT_OUT_PAUSE_PERCENT, default 5 %; 0 turns the guard off).
 */
export interface OptOutGuard {
  /** Pause at or above this share of messages sent answered by an opt-out, in percent. */
  readonly percent: number;
  /** Below this many messages sent, a rate says little: no pause. */
  readonly minimumSent: number;
}

export const defaultOptOutGuard: OptOutGuard = { percent: 5, minimumSent: 200 };

/** A campaign's opt-out replies against its messages handed to the gateway. */
export interface OptOutTally {
  readonly optOuts: number;
  readonly sent: number;
}

/** The rate in percent, one decimal; null before anything was sent. */
export function optOutPercent(tally: OptOutTally): number | null {
  return tally.sent === 0 ? null : Math.round((tally.optOuts * 1000) / tally.sent) / 10;
}

/** Whether the campaign should be paused for drawing too many opt-outs. */
export function exceedsOptOutGuard(tally: OptOutTally, guard: OptOutGuard): boolean {
  if (guard.percent <= 0 || tally.sent < guard.minimumSent) return false;
  return tally.optOuts * 100 >= guard.percent * tally.sent;
}
