import type { ConsentEventInput } from '../consent/consent-event.ts';

export type ListConsentDefect =
  | 'not_from_partner_collection'
  | 'partner_consent_missing'
  | 'partner_list_missing'
  | 'soft_opt_in_from_list';

/**
 * LIST-01/LIST-05 at list import: every number of a published list must carry consent to
 * transmission to partners (partner_consent = true) with the partner list URL and version,
 * collected by the provider (source list_provider), and soft opt-in never applies to a list.
 */
export function checkListConsent(event: ConsentEventInput): ListConsentDefect | null {
  if (event.sourceType !== 'list_provider') return 'not_from_partner_collection';
  if (!event.partnerConsent) return 'partner_consent_missing';
  if (!event.partnerListUrl || !event.partnerListVersion) return 'partner_list_missing';
  if (event.basis === 'soft_opt_in') return 'soft_opt_in_from_list';
  return null;
}
