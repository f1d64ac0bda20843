import { DomainError } from '../core/domain-error.ts';
import { parseNumber } from '../core/phone/parse-number.ts';
import { findContactByPhone } from '../store/contacts.ts';
import type { Store } from '../store/db.ts';
import {
  findActiveSuppression,
  insertSuppression,
  liftSuppression,
  listSuppressions,
  type Suppression,
  type SuppressionReason,
} from '../store/suppressions.ts';
import { recordOptOut } from './consent.ts';
import { passObjectionOn } from './objections.ts';

export type { Suppression, SuppressionReason };
export const suppressionReasons = ['stop', 'spam_report', 'manual', 'invalid'] as const;

/** The E.164 form of a number given by a user; bad input otherwise. */
export function requireNumber(input: string): string {
  const parsed = parseNumber(input.trim());
  if (!parsed.e164) {
    throw new DomainError('invalid_input', `'${input}' is not a valid phone number`, {
      number: input,
      reason: parsed.reason ?? 'invalid',
    });
  }
  return parsed.e164;
}

/** Suppresses a number in a workspace (OPT-01). Adding twice keeps the first record. */
export async function suppressNumber(
  store: Store,
  workspaceId: string,
  number: string,
  input: { reason: SuppressionReason; origin: string; note?: string | null },
  now: Date,
): Promise<{ added: boolean; suppression: Suppression }> {
  if (!suppressionReasons.includes(input.reason)) {
    throw new DomainError(
      'invalid_input',
      `reason must be one of ${suppressionReasons.join(', ')}`,
    );
  }
  const phone = requireNumber(number);
  const objection = input.reason === 'stop' || input.reason === 'spam_report';
  // Entered by hand or received by SMS, a contact's STOP is the same withdrawal, recorded with
  // its suppression (the consent proof and the export said "granted" after one entered here).
  const result =
    objection && (await findContactByPhone(store.db, workspaceId, phone))
      ? await recordOptOut(store, workspaceId, phone, {
          origin: input.origin,
          now,
          reason: input.reason as 'stop' | 'spam_report',
          note: input.note,
        })
      : await insertSuppression(store.db, workspaceId, { ...input, phone }, now);
  // An objection (not a manual or invalid-number entry) is passed along the lists (LIST-04).
  if (objection) await passObjectionOn(store.db, workspaceId, phone, now);
  return { added: result.added, suppression: result.suppression };
}

/**
 * Lifts a suppression by hand. A STOP or a spam report is lifted only by a new recorded
 * opt-in (OPT-01): `consent record`/an import does that; here it is refused.
 */
export async function unsuppressNumber(
  store: Store,
  workspaceId: string,
  number: string,
  note: string | null,
  now: Date,
): Promise<Suppression> {
  const phone = requireNumber(number);
  const active = await findActiveSuppression(store.db, workspaceId, phone);
  if (!active) throw new DomainError('not_found', `${phone} is not suppressed`, { phone });
  if (active.reason === 'stop' || active.reason === 'spam_report') {
    throw new DomainError(
      'refused',
      `${phone} was suppressed by a ${active.reason === 'stop' ? 'STOP reply' : 'spam report'}; only a new recorded opt-in lifts it (rule OPT-01)`,
      { phone, reason: active.reason },
    );
  }
  const lifted = await liftSuppression(
    store.db,
    workspaceId,
    phone,
    { note, consentEventId: null },
    now,
  );
  return lifted ?? active;
}

export async function listSuppressed(
  store: Store,
  workspaceId: string,
  options: { includeLifted?: boolean } = {},
): Promise<Suppression[]> {
  return listSuppressions(store.db, workspaceId, options);
}

export async function findSuppression(
  store: Store,
  workspaceId: string,
  phone: string,
): Promise<Suppression | undefined> {
  return findActiveSuppression(store.db, workspaceId, phone);
}
