/** What a campaign needs to know of a licence to use it (LIST-05). */
export interface LicenceUse {
  readonly type: 'rental' | 'purchase';
  readonly state: 'active' | 'consumed';
  /** The campaign that consumed a rental, if any. */
  readonly campaignId: string | null;
}

export type LicenceUseVerdict =
  | { readonly ok: true; readonly consumes: boolean }
  | { readonly ok: false; readonly reason: 'rental_already_used'; readonly usedBy: string };

/**
 * May `campaignId` send to this licence's contacts? A purchase: always. A rental: exactly one
 * campaign; the same campaign may ask again (a retry, a re-plan), any other is refused.
 */
export function checkLicenceUse(licence: LicenceUse, campaignId: string): LicenceUseVerdict {
  if (licence.type === 'purchase') return { ok: true, consumes: false };
  if (licence.campaignId === null) return { ok: true, consumes: true };
  if (licence.campaignId === campaignId) return { ok: true, consumes: false };
  return { ok: false, reason: 'rental_already_used', usedBy: licence.campaignId };
}
