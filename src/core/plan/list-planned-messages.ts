import type { EligibleSet } from '../preflight/run-preflight.ts';
import type { Plan } from './plan-campaign.ts';

export interface PlannedMessage {
  readonly contactId: number;
  /** E.164, masked for rented contacts (a renter never sees the numbers, LIST-05). */
  readonly to: string;
  readonly parts: number;
  /** ISO instant of the hand-off; null when unplaceable. */
  readonly plannedAt: string | null;
  /** ISO end of the recipient's window at that instant (SMPP validity_period). */
  readonly windowEndsAt: string | null;
}

/** Keeps the first four characters (+ and the calling code's start) and the last two digits. */
export function maskNumber(e164: string): string {
  if (e164.length <= 6) return '*'.repeat(e164.length);
  return `${e164.slice(0, 4)}${'*'.repeat(e164.length - 6)}${e164.slice(-2)}`;
}

/** The plan's messages in ascending contact id order, one object each (for NDJSON output). */
export function* listPlannedMessages(
  eligible: Pick<EligibleSet, 'eligible' | 'e164' | 'parts'>,
  plan: Pick<Plan, 'plannedAt' | 'windowEndsAt'>,
): Generator<PlannedMessage> {
  for (let i = 0; i < eligible.eligible.length; i++) {
    const r = eligible.eligible[i]!;
    const at = plan.plannedAt[i]!;
    const e164 = eligible.e164[i]!;
    yield {
      contactId: r.id,
      to: r.licenceKind === 'rental' ? maskNumber(e164) : e164,
      parts: eligible.parts[i]!,
      plannedAt: Number.isNaN(at) ? null : new Date(at).toISOString(),
      windowEndsAt: Number.isNaN(at) ? null : new Date(plan.windowEndsAt[i]!).toISOString(),
    };
  }
}
