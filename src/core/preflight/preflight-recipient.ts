/**
 * One recipient of a campaign as the services layer reads it from the store (one row per
 * contact reached through an audience or a licence; the same number may come twice).
 */
export interface PreflightRecipient {
  /** Contact id: the plan and every output are in ascending id order. */
  readonly id: number;
  /** E.164 as stored (anything else is parsed, and refused when invalid). */
  readonly phone: string;
  readonly department?: string | null;
  readonly postalCode?: string | null;
  /** Current consent state (src/core/consent): only 'granted' and not lapsed passes. */
  readonly consentStatus: 'granted' | 'withdrawn' | 'none' | 'invalid';
  /** End of validity (FR-CONS-07, 3 years): ISO string or epoch ms; null = no end known. */
  readonly consentValidUntil: string | number | null;
  readonly suppressed: boolean;
  /**
   * A consent basis that is an exception to prior consent, each with its own conditions:
   * professionals (b2b, FR-CONS-05) or a non-commercial sender (FR-CONS-04).
   */
  readonly exception?: 'b2b' | 'non_commercial' | null;
  /** Set when the contact belongs to a provider's list (rented or bought). */
  readonly listId?: string | null;
  readonly licenceId?: string | null;
  readonly licenceKind?: 'rental' | 'purchase' | null;
  /** An ongoing contract with the sender (FR-MSG-05 exception). */
  readonly activeContract?: boolean;
  /** Placeholder values, e.g. { firstName: 'Zoé' }. */
  readonly values?: Readonly<Record<string, string | null | undefined>>;
}

export const exclusionReasons = [
  'invalid-number',
  'not-mobile',
  'no-rule-pack',
  'suppressed',
  'no-consent',
  'lapsed-consent',
  'rental-already-used',
  'sector-ban',
  'duplicate',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];
