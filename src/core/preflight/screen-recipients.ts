import type { ParsedNumber } from '../phone/parse-number.ts';
import { createNumberClassifier } from './classify-number.ts';
import { createKeyIndex } from './create-key-index.ts';
import { e164Key } from './e164-key.ts';
import {
  type ExclusionReason,
  exclusionReasons,
  type PreflightRecipient,
} from './preflight-recipient.ts';
import { createWindowClassFinder, type WindowClass } from './window-class.ts';

export interface ScreenOptions {
  readonly now: Date;
  /** The campaign's sector is one of FR-MSG-05's bans. */
  readonly bannedSector: boolean;
  /** Rental licences already used by another campaign (LIST-05). */
  readonly exhaustedLicences: ReadonlySet<string>;
}

export interface ScreenResult {
  readonly total: number;
  readonly excluded: Record<ExclusionReason, number>;
  /** Distinct numbers excluded for want of valid consent (none, lapsed, STOP) and not reached otherwise. */
  readonly withoutValidConsent: number;
  /** Eligible recipients in ascending id order, with their E.164 and window class index. */
  readonly eligible: readonly PreflightRecipient[];
  readonly e164: readonly string[];
  readonly classOf: Uint16Array;
  readonly classes: readonly WindowClass[];
  /** Eligible recipients from a provider's list (LIST-03) and from a rental (masked). */
  readonly fromList: number;
  readonly rented: number;
  /** Eligible recipients whose consent rests on an exception basis (FR-CONS-05, FR-CONS-04). */
  readonly b2b: number;
  readonly nonCommercial: number;
}

const [
  invalidNumber,
  notMobile,
  noRulePack,
  suppressed,
  noConsent,
  lapsed,
  rentalUsed,
  sectorBan,
  duplicate,
] = exclusionReasons.map((_, i) => i) as number[] as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/**
 * Sorts out who may receive the campaign: every recipient gets at most one exclusion reason
 * (first of `exclusionReasons` that applies), so counts add up to the total and nothing is
 * dropped silently. Duplicates are judged among the otherwise eligible: the same number reached
 * twice keeps the own contact over a list contact, then the lowest id. Built for a million
 * recipients: numeric keys, cached number classes and window classes, no per-row allocation.
 */
export function screenRecipients(
  recipients: readonly PreflightRecipient[],
  options: ScreenOptions,
): ScreenResult {
  const sorted = isSortedById(recipients)
    ? recipients
    : [...recipients].sort((a, b) => a.id - b.id);
  const now = options.now.getTime();
  const isLapsed = createLapseCheck(options.now);
  const classify = createNumberClassifier();
  const finder = createWindowClassFinder();
  const counts = new Int32Array(exclusionReasons.length);
  const n = sorted.length;
  const candidates = new Int32Array(n);
  const candidateClass = new Uint16Array(n);
  const candidateKey = new Float64Array(n);
  const normalised: string[] = new Array(n);
  let c = 0;
  const keep = createKeyIndex(n);
  const consentless = createKeyIndex(n);
  const exhausted = options.exhaustedLicences;

  for (let i = 0; i < n; i++) {
    const r = sorted[i]!;
    let key = e164Key(r.phone);
    const number = classify(r.phone, key);
    let e164: string | null = r.phone;
    if (Number.isNaN(key)) {
      e164 = (number as ParsedNumber).e164 ?? null;
      key = e164 ? e164Key(e164) : Number.NaN;
    }
    let reason = -1;
    if (!number.valid || e164 === null || Number.isNaN(key)) reason = invalidNumber;
    else if (!number.mobile) reason = notMobile;
    else if (number.rulePack === null) reason = noRulePack;
    else if (r.suppressed) reason = suppressed;
    else if (r.consentStatus !== 'granted') reason = noConsent;
    else if (isLapsed(r.consentValidUntil, now)) reason = lapsed;
    else if (r.licenceId && exhausted.has(r.licenceId)) reason = rentalUsed;
    else if (options.bannedSector && r.activeContract !== true) reason = sectorBan;
    if (reason >= 0) {
      counts[reason]!++;
      if (reason >= suppressed && reason <= lapsed) consentless.set(key, i);
      continue;
    }
    candidates[c] = i;
    candidateKey[c] = key;
    normalised[c] = e164!;
    candidateClass[c] = finder.classOf(e164!, number, r.department, r.postalCode);
    // Duplicates: own contact over list contact, then lowest id (sorted order).
    const kept = keep.get(key);
    if (kept < 0 || (sorted[candidates[kept]!]!.listId && !r.listId)) keep.set(key, c);
    c++;
  }

  const eligible: PreflightRecipient[] = [];
  const e164s: string[] = [];
  const classOf = new Uint16Array(keep.size);
  let fromList = 0;
  let rented = 0;
  let b2b = 0;
  let nonCommercial = 0;
  for (let j = 0; j < c; j++) {
    if (keep.get(candidateKey[j]!) !== j) {
      counts[duplicate]!++;
      continue;
    }
    const r = sorted[candidates[j]!]!;
    classOf[eligible.length] = candidateClass[j]!;
    eligible.push(r);
    e164s.push(normalised[j]!);
    if (r.listId) fromList++;
    if (r.licenceKind === 'rental') rented++;
    if (r.exception === 'b2b') b2b++;
    else if (r.exception === 'non_commercial') nonCommercial++;
  }
  let withoutValidConsent = 0;
  consentless.forEachKey((key) => {
    if (keep.get(key) < 0) withoutValidConsent++;
  });
  const excluded = Object.fromEntries(exclusionReasons.map((r, i) => [r, counts[i]!])) as Record<
    ExclusionReason,
    number
  >;
  return {
    total: n,
    excluded,
    withoutValidConsent,
    eligible,
    e164: e164s,
    classOf,
    classes: finder.classes,
    fromList,
    rented,
    b2b,
    nonCommercial,
  };
}

function isSortedById(recipients: readonly PreflightRecipient[]): boolean {
  for (let i = 1; i < recipients.length; i++) {
    if (recipients[i - 1]!.id > recipients[i]!.id) return false;
  }
  return true;
}

/**
 * Consent validity at `now`. Canonical ISO UTC strings (toISOString, or without milliseconds)
 * compare as strings, which avoids a Date.parse per recipient; anything else is parsed.
 */
function createLapseCheck(
  now: Date,
): (validUntil: string | number | null, nowMs: number) => boolean {
  const iso24 = now.toISOString();
  const iso20 = `${iso24.slice(0, 19)}Z`;
  return (validUntil, nowMs) => {
    if (validUntil === null) return false;
    if (typeof validUntil === 'number') return validUntil <= nowMs;
    const length = validUntil.length;
    if (length === 24 && validUntil.charCodeAt(23) === 90 && validUntil.charCodeAt(10) === 84) {
      return validUntil <= iso24;
    }
    if (length === 20 && validUntil.charCodeAt(19) === 90 && validUntil.charCodeAt(10) === 84) {
      return validUntil <= iso20;
    }
    const end = Date.parse(validUntil);
    return Number.isNaN(end) || end <= nowMs;
  };
}
