import { checkConsentEvent } from '../consent/check-consent-event.ts';
import {
  type ConsentBasis,
  type ConsentEventInput,
  type ConsentMechanism,
  consentBases,
  consentMechanisms,
  optOutMechanisms,
} from '../consent/consent-event.ts';
import { isoOf, isRealDay } from './calendar-text.ts';

/** A row outcome that refuses the whole file (FR-CONS-02, FR-CONS-06). */
export type FileRefusal = 'opt_out_source' | 'missing_consent_evidence';

export type ConsentColumns =
  | { readonly ok: true; readonly event: ConsentEventInput }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly refuseFile?: FileRefusal;
      readonly missing?: string[];
    };

const truthy = new Set(['true', '1', 'yes', 'y', 'oui', 'o', 'vrai', 'x']);
const falsy = new Set(['false', '0', 'no', 'n', 'non', 'faux', '']);

export function readFlag(value: string | undefined): boolean | null | 'bad' {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (truthy.has(v)) return true;
  if (falsy.has(v)) return false;
  return 'bad';
}

const isoDateTime =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

const canonicalUtc = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)Z)?$/;

/** ISO 8601 date or date-time -> UTC ISO string; null when absent, 'bad' when not a date. */
export function readInstant(value: string | undefined): string | null | 'bad' {
  const v = value?.trim();
  if (!v) return null;
  // The usual forms (a date, or a UTC time to the second) are checked without a Date: this
  // runs once per imported row. Anything else goes through Date as before.
  const m = canonicalUtc.exec(v);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (!isRealDay(year, month, day)) return 'bad';
    return m[4] === undefined ? `${v}T00:00:00.000Z` : `${v.slice(0, 19)}.000Z`;
  }
  if (!isoDateTime.test(v)) return 'bad';
  const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? 'bad' : d.toISOString();
}

/** A cell's trimmed text, null when blank. */
const trimmed = (value: string | undefined) => value?.trim() || null;

const sourceWords: Record<string, 'first_party' | 'list_provider'> = {
  first_party: 'first_party',
  'first-party': 'first_party',
  own: 'first_party',
  direct: 'first_party',
  propre: 'first_party',
  list_provider: 'list_provider',
  'list-provider': 'list_provider',
  list: 'list_provider',
  partner: 'list_provider',
  provider: 'list_provider',
  partenaire: 'list_provider',
};

/**
 * Reads the consent_* columns of one row into a `granted` event and judges it:
 * an opt-out mechanism or a pre-ticked box refuses the whole file, and so does missing
 * evidence (FR-CONS-06: basis and date always; mechanism and wording for opt-in; the purchase
 * and objection for soft opt-in; the objection for b2b and non-commercial; partner consent,
 * list URL and version for a list source, LIST-01). Other defects reject the row only.
 */
export function readConsentColumns(
  get: (field: string) => string | undefined,
  now: Date,
): ConsentColumns {
  // A file exported from Texto (or a CRM) that says the person opted out is no evidence of
  // consent, whatever defaults the import was given for the file.
  if (trimmed(get('consent_status'))?.toLowerCase() === 'withdrawn') {
    return { ok: false, reason: 'opted-out' };
  }
  const mechanismText = trimmed(get('consent_mechanism'))?.toLowerCase() ?? null;
  if (mechanismText && !(consentMechanisms as readonly string[]).includes(mechanismText)) {
    return { ok: false, reason: 'invalid-consent-mechanism' };
  }
  const mechanism = mechanismText as ConsentMechanism | null;
  if (mechanism && optOutMechanisms.includes(mechanism)) {
    return { ok: false, reason: 'opt-out-source', refuseFile: 'opt_out_source' };
  }
  const prechecked = readFlag(get('consent_prechecked'));
  const bundled = readFlag(get('consent_bundled_with_terms'));
  const partner = readFlag(get('consent_partner'));
  const purchase = readFlag(get('consent_customer_purchase'));
  const objection = readFlag(get('consent_objection_offered'));
  if (
    prechecked === 'bad' ||
    bundled === 'bad' ||
    partner === 'bad' ||
    purchase === 'bad' ||
    objection === 'bad'
  ) {
    return { ok: false, reason: 'invalid-consent-flag' };
  }
  const flags = {
    consent_prechecked: prechecked,
    consent_bundled_with_terms: bundled,
    consent_partner: partner,
    consent_customer_purchase: purchase,
    consent_objection_offered: objection,
  };
  if (flags.consent_prechecked) {
    return { ok: false, reason: 'opt-out-source', refuseFile: 'opt_out_source' };
  }
  const basisText = trimmed(get('consent_basis'))?.toLowerCase() ?? null;
  if (basisText && !(consentBases as readonly string[]).includes(basisText)) {
    return { ok: false, reason: 'invalid-consent-basis' };
  }
  const basis = basisText as ConsentBasis | null;
  const collectedAt = readInstant(get('consent_collected_at'));
  if (collectedAt === 'bad' || (collectedAt && collectedAt > isoOf(now))) {
    return { ok: false, reason: 'invalid-consent-date' };
  }
  const sourceText = trimmed(get('consent_source'))?.toLowerCase() ?? null;
  const declared = sourceText ? sourceWords[sourceText] : undefined;
  if (sourceText && !declared) return { ok: false, reason: 'invalid-consent-source' };
  const sourceType =
    declared ??
    (flags.consent_partner || trimmed(get('consent_partner_list_url'))
      ? 'list_provider'
      : 'first_party');

  const missing: string[] = [];
  if (!basis) missing.push('consent_basis');
  if (!collectedAt) missing.push('consent_collected_at');
  if (basis === 'opt_in') {
    if (!mechanism) missing.push('consent_mechanism');
    if (!trimmed(get('consent_wording'))) missing.push('consent_wording');
  }
  if (basis === 'soft_opt_in' && sourceType === 'first_party') {
    if (flags.consent_customer_purchase === null) missing.push('consent_customer_purchase');
    if (flags.consent_objection_offered === null) missing.push('consent_objection_offered');
  }
  if ((basis === 'b2b' || basis === 'non_commercial') && flags.consent_objection_offered === null) {
    missing.push('consent_objection_offered');
  }
  if (sourceType === 'list_provider') {
    if (flags.consent_partner === null) missing.push('consent_partner');
    if (!trimmed(get('consent_partner_list_url'))) missing.push('consent_partner_list_url');
    if (!trimmed(get('consent_partner_list_version'))) missing.push('consent_partner_list_version');
  }
  if (missing.length > 0) {
    return {
      ok: false,
      reason: 'missing-consent-evidence',
      refuseFile: 'missing_consent_evidence',
      missing,
    };
  }
  const event: ConsentEventInput = {
    kind: 'granted',
    basis,
    mechanism,
    wording: trimmed(get('consent_wording')),
    wordingVersion: trimmed(get('consent_wording_version')),
    formUrl: trimmed(get('consent_form_url')),
    ip: trimmed(get('consent_ip')),
    userAgent: trimmed(get('consent_user_agent')),
    collectedAt: collectedAt as string,
    sourceType,
    partnerListUrl: trimmed(get('consent_partner_list_url')),
    partnerListVersion: trimmed(get('consent_partner_list_version')),
    partnerConsent: flags.consent_partner === true,
    prechecked: false,
    bundledWithTerms: flags.consent_bundled_with_terms === true,
    customerPurchase: flags.consent_customer_purchase ?? null,
    objectionOffered: flags.consent_objection_offered ?? null,
  };
  const check = checkConsentEvent(event);
  if (!check.ok) return { ok: false, reason: `consent-${check.defect.replaceAll('_', '-')}` };
  return { ok: true, event };
}
