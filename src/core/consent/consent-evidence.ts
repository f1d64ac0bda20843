import type { ConsentEventInput } from './consent-event.ts';
import type { OwnConsentFields } from './hash-consent-event.ts';

/** The evidence part of an event (everything but its own collected_at, IP, user agent). */
export type ConsentEvidence = Omit<ConsentEventInput, keyof OwnConsentFields>;

/** One text per distinct evidence, to find the row already stored for it. */
export function evidenceKey(e: ConsentEvidence): string {
  return `${e.kind}\u0001${e.basis}\u0001${e.mechanism}\u0001${e.wording}\u0001${e.wordingVersion}\u0001${e.formUrl}\u0001${e.sourceType}\u0001${e.partnerListUrl}\u0001${e.partnerListVersion}\u0001${e.partnerConsent}\u0001${e.prechecked}\u0001${e.bundledWithTerms}\u0001${e.customerPurchase}\u0001${e.objectionOffered}`;
}

/**
 * Whether two events share their evidence (`evidenceKey` equal), field by field without
 * building keys: a file's rows mostly share one, so each row is compared with the last.
 */
export function sameEvidence(a: ConsentEvidence, b: ConsentEvidence): boolean {
  return (
    a.kind === b.kind &&
    a.basis === b.basis &&
    a.mechanism === b.mechanism &&
    a.wording === b.wording &&
    a.wordingVersion === b.wordingVersion &&
    a.formUrl === b.formUrl &&
    a.sourceType === b.sourceType &&
    a.partnerListUrl === b.partnerListUrl &&
    a.partnerListVersion === b.partnerListVersion &&
    a.partnerConsent === b.partnerConsent &&
    a.prechecked === b.prechecked &&
    a.bundledWithTerms === b.bundledWithTerms &&
    a.customerPurchase === b.customerPurchase &&
    a.objectionOffered === b.objectionOffered
  );
}

/** An event's evidence alone (a plain object: it crosses threads). Once per evidence. */
export function evidenceOf(e: ConsentEventInput): ConsentEvidence {
  const { collectedAt: _collectedAt, ip: _ip, userAgent: _userAgent, ...evidence } = e;
  return evidence;
}

/** An event from its evidence and its own values, field by field (hot paths: no spread). */
export function eventOf(e: ConsentEvidence, own: OwnConsentFields): ConsentEventInput {
  return {
    kind: e.kind,
    basis: e.basis,
    mechanism: e.mechanism,
    wording: e.wording,
    wordingVersion: e.wordingVersion,
    formUrl: e.formUrl,
    ip: own.ip,
    userAgent: own.userAgent,
    collectedAt: own.collectedAt,
    sourceType: e.sourceType,
    partnerListUrl: e.partnerListUrl,
    partnerListVersion: e.partnerListVersion,
    partnerConsent: e.partnerConsent,
    prechecked: e.prechecked,
    bundledWithTerms: e.bundledWithTerms,
    customerPurchase: e.customerPurchase,
    objectionOffered: e.objectionOffered,
  };
}
