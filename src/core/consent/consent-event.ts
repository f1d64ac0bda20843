/** Vocabularies and the shape of one consent event (rules.md FR-CONS-01..07, LIST-01). */
export const consentKinds = ['granted', 'withdrawn'] as const;
export type ConsentKind = (typeof consentKinds)[number];

export const consentBases = ['opt_in', 'soft_opt_in', 'b2b', 'non_commercial'] as const;
export type ConsentBasis = (typeof consentBases)[number];

/** The last two are not consent (FR-CONS-02): a file carrying them is refused as a whole. */
export const consentMechanisms = [
  'unticked_checkbox',
  'double_opt_in',
  'signed_form',
  'keyword',
  'opt_out_active',
  'opt_out_passive',
] as const;
export type ConsentMechanism = (typeof consentMechanisms)[number];
export const optOutMechanisms: readonly ConsentMechanism[] = ['opt_out_active', 'opt_out_passive'];

export const consentSourceTypes = ['first_party', 'list_provider'] as const;
export type ConsentSourceType = (typeof consentSourceTypes)[number];

/** What the caller supplies; the ledger adds seq, recorded_at, fingerprint and the chain. */
export interface ConsentEventInput {
  readonly kind: ConsentKind;
  readonly basis: ConsentBasis | null;
  readonly mechanism: ConsentMechanism | null;
  readonly wording: string | null;
  readonly wordingVersion: string | null;
  readonly formUrl: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** ISO-8601 UTC. */
  readonly collectedAt: string;
  readonly sourceType: ConsentSourceType;
  readonly partnerListUrl: string | null;
  readonly partnerListVersion: string | null;
  readonly partnerConsent: boolean;
  readonly prechecked: boolean;
  readonly bundledWithTerms: boolean;
  /** Soft opt-in: the number was collected during a sale (FR-CONS-03). */
  readonly customerPurchase: boolean | null;
  /** A simple, free way to object was offered at collection (FR-CONS-03..05). */
  readonly objectionOffered: boolean | null;
}

/**
 * A first-party event that knows only what is given (every other field empty or false): a
 * withdrawal by STOP, or an opt-in recorded by hand.
 */
export function firstPartyEvent(
  given: Pick<ConsentEventInput, 'kind' | 'collectedAt'> & Partial<ConsentEventInput>,
): ConsentEventInput {
  return {
    basis: null,
    mechanism: null,
    wording: null,
    wordingVersion: null,
    formUrl: null,
    ip: null,
    userAgent: null,
    sourceType: 'first_party',
    partnerListUrl: null,
    partnerListVersion: null,
    partnerConsent: false,
    prechecked: false,
    bundledWithTerms: false,
    customerPurchase: null,
    objectionOffered: null,
    ...given,
  };
}

/** An event as recorded in the ledger. */
export interface ConsentEvent extends ConsentEventInput {
  readonly workspaceId: string;
  readonly phone: string;
  readonly seq: number;
  /** Where the record came from: 'import:<file>', 'cli', 'api', 'mo:START'… */
  readonly origin: string;
  readonly recordedAt: string;
  readonly fingerprint: string;
  readonly prevHash: string;
  readonly hash: string;
}
