import { formatLocalTime } from './format-local-time.ts';
import type { Recipient, RecipientRefusal } from './recipient.ts';
import { findRecipientWindow } from './recipient-window.ts';
import type { ZoneReason, ZoneStatus } from './zone-window.ts';

export type WindowReason = ZoneReason | RecipientRefusal;

/** Warnings never block: tolerated days (charter) and the advice layer's best slots. */
export type WindowWarning = 'sunday-tolerated' | 'holiday-tolerated' | 'outside-best-slots';

export interface WindowVerdict {
  allowed: boolean;
  reason: WindowReason;
  /** Name of the blocking (or tolerated) public holiday. */
  holiday?: string;
  /** Local time of the first zone with its offset; null when the number has no zone. */
  localTime: string | null;
  zones: readonly string[];
  territories: readonly string[];
  /** The instant itself when allowed, the next allowed instant (epoch ms) when refused. */
  nextAllowedAt: number | null;
  /** End of the current window when allowed (epoch ms): the SMPP validity_period. */
  windowEndsAt?: number;
  warnings: WindowWarning[];
}

const minute = 60_000;
const day = 86_400_000;

/**
 * May a marketing SMS leave now for this recipient (rules.md FR-TIME-01..05)? Evaluated in
 * every candidate zone of the recipient with its territory's holidays; `instant` in epoch ms.
 */
export function isSendable(recipient: Recipient, instant: number, policy?: string): WindowVerdict {
  const rw = findRecipientWindow(recipient, policy);
  if (!rw.ok) {
    const { reason, territories, zones } = rw.resolved;
    return {
      allowed: false,
      reason,
      localTime: null,
      zones,
      territories,
      nextAllowedAt: null,
      warnings: [],
    };
  }
  const { window, resolved } = rw;
  let refusal: ZoneStatus | undefined;
  let first: ZoneStatus | undefined;
  let tolerated: ZoneStatus | undefined;
  for (const zone of window.zones) {
    const s = zone.status(instant);
    first ??= s;
    if (s.reason !== 'ok') {
      refusal ??= s;
    } else if (s.dayRule === 'tolerated') tolerated ??= s;
  }
  const head = first as ZoneStatus;
  const verdict: WindowVerdict = {
    allowed: refusal === undefined,
    reason: refusal?.reason ?? 'ok',
    localTime: formatLocalTime(head.local, head.offset),
    zones: resolved.zones,
    territories: resolved.territories,
    nextAllowedAt: refusal === undefined ? instant : window.nextAllowed(instant),
    warnings: [],
  };
  const holiday = refusal?.holiday ?? tolerated?.holiday;
  if (holiday !== undefined && (refusal === undefined || refusal.reason === 'holiday')) {
    verdict.holiday = holiday;
  }
  if (refusal === undefined) {
    verdict.windowEndsAt = window.windowEnd(instant);
    if (tolerated)
      verdict.warnings.push(
        tolerated.holiday !== undefined ? 'holiday-tolerated' : 'sunday-tolerated',
      );
    const inDay = (head.local - Math.floor(head.local / day) * day) / minute;
    if (!rw.resolved.pack.advice.some((slot) => inDay >= slot.start && inDay < slot.end)) {
      verdict.warnings.push('outside-best-slots');
    }
  }
  return verdict;
}
