import { type ConsentDefect, checkConsentEvent } from './check-consent-event.ts';
import type { ConsentBasis, ConsentEventInput } from './consent-event.ts';

export type ConsentStatus = 'granted' | 'withdrawn' | 'none' | 'invalid';

export interface ConsentState {
  readonly status: ConsentStatus;
  readonly basis: ConsentBasis | null;
  /** collected_at of the event that decides the state. */
  readonly collectedAt: string | null;
  /** Granted consent lapses then unless a new interaction or event comes (FR-CONS-07). */
  readonly validUntil: string | null;
  readonly defect?: ConsentDefect;
}

/** A prospect's consent lasts 3 years from collection or from the last inbound interaction. */
export const consentLifetimeYears = 3;

export function addYears(iso: string, years: number): string {
  // Fast path for canonical ISO strings; 29 February goes through Date (→ 1 March).
  if (iso.length === 24 && iso[4] === '-' && iso[23] === 'Z' && !iso.startsWith('02-29', 5)) {
    return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
  }
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

type Dated = ConsentEventInput & { readonly seq?: number };

/**
 * The current state from the ledger: the latest event by collected_at (then by seq) decides.
 * A withdrawal after a grant leaves no consent; a grant that is not consent is 'invalid'.
 * `lastInteractionAt` (a click or a reply, never a delivery) extends the lifetime.
 */
export function deriveConsentState(
  events: readonly Dated[],
  lastInteractionAt: string | null = null,
): ConsentState {
  if (events.length === 0)
    return { status: 'none', basis: null, collectedAt: null, validUntil: null };
  // Most contacts have one event: no copy to sort then (an import changing 1M contacts).
  const latest =
    events.length === 1
      ? events[0]!
      : [...events].sort(
          (a, b) => a.collectedAt.localeCompare(b.collectedAt) || (a.seq ?? 0) - (b.seq ?? 0),
        )[events.length - 1]!;
  return stateOf(latest, lastInteractionAt);
}

/** The state one event gives on its own (the latest event decides). */
export function stateOf(event: ConsentEventInput, lastInteractionAt: string | null): ConsentState {
  // Literals, not spreads of a shared base: one object each, built at once.
  const { basis, collectedAt } = event;
  if (event.kind === 'withdrawn')
    return { basis, collectedAt, status: 'withdrawn', validUntil: null };
  const check = checkConsentEvent(event);
  if (!check.ok)
    return { basis, collectedAt, status: 'invalid', validUntil: null, defect: check.defect };
  const from =
    lastInteractionAt && lastInteractionAt > collectedAt ? lastInteractionAt : collectedAt;
  return {
    basis,
    collectedAt,
    status: 'granted',
    validUntil: addYears(from, consentLifetimeYears),
  };
}

export type ConsentVerdict =
  | { readonly ok: true; readonly validUntil: string }
  | { readonly ok: false; readonly reason: 'no_consent' | 'withdrawn' | 'invalid' | 'lapsed' };

/** May this contact receive marketing at `at`? (FR-CONS-01, FR-CONS-07) */
export function judgeConsentAt(state: ConsentState, at: Date): ConsentVerdict {
  if (state.status === 'none') return { ok: false, reason: 'no_consent' };
  if (state.status === 'withdrawn') return { ok: false, reason: 'withdrawn' };
  if (state.status === 'invalid' || !state.validUntil) return { ok: false, reason: 'invalid' };
  if (state.validUntil <= at.toISOString()) return { ok: false, reason: 'lapsed' };
  return { ok: true, validUntil: state.validUntil };
}
