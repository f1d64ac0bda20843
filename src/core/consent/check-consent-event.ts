import { type ConsentEventInput, optOutMechanisms } from './consent-event.ts';

export type ConsentDefect =
  | 'prechecked'
  | 'bundled_with_terms'
  | 'opt_out_mechanism'
  | 'mechanism_missing'
  | 'soft_opt_in_from_list'
  | 'soft_opt_in_conditions'
  | 'objection_not_offered'
  | 'partner_consent_missing'
  | 'basis_missing';

/**
 * Whether a `granted` event is consent at all, whatever the date (FR-CONS-02..05, LIST-01):
 * a pre-ticked box, consent bundled with terms or an opt-out mechanism is no consent; soft
 * opt-in needs a purchase and an objection offered, and never comes from a list; b2b and
 * non-commercial need the objection offered; a list source needs the partner consent.
 */
const fail = (defect: ConsentDefect) => ({ ok: false as const, defect });
const ok = { ok: true } as const;

export function checkConsentEvent(
  event: ConsentEventInput,
): { ok: true } | { ok: false; defect: ConsentDefect } {
  if (event.prechecked) return fail('prechecked');
  if (event.mechanism && optOutMechanisms.includes(event.mechanism)) {
    return fail('opt_out_mechanism');
  }
  if (event.bundledWithTerms) return fail('bundled_with_terms');
  if (!event.basis) return fail('basis_missing');
  const fromList = event.sourceType === 'list_provider';
  if (fromList && !event.partnerConsent) return fail('partner_consent_missing');
  switch (event.basis) {
    case 'opt_in':
      return event.mechanism ? ok : fail('mechanism_missing');
    case 'soft_opt_in':
      if (fromList) return fail('soft_opt_in_from_list');
      if (event.customerPurchase !== true || event.objectionOffered !== true) {
        return fail('soft_opt_in_conditions');
      }
      return ok;
    case 'b2b':
    case 'non_commercial':
      return event.objectionOffered === true ? ok : fail('objection_not_offered');
  }
}
