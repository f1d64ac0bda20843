import type { ConsentEventInput } from '../consent/consent-event.ts';
import { locatePostalCode, type PostalIndex } from '../geo/locate-postal-code.ts';
import type { ParsedNumber } from '../phone/parse-number.ts';
import { collapseSpaces, isoOf } from './calendar-text.ts';
import type { Gender } from './contact-fields.ts';
import {
  readBirthDate,
  readGender,
  readHousing,
  readIncome,
  readInterests,
  readProfession,
  readSmallInt,
  readTransport,
} from './read-attributes.ts';
import { type FileRefusal, readConsentColumns, readInstant } from './read-consent-columns.ts';

/** A contact's own values, as stored (null = unknown). */
export interface ContactValues {
  phone: string;
  country: string | null;
  territory: string | null;
  first_name: string | null;
  last_name: string | null;
  postal_code: string | null;
  commune_code: string | null;
  commune: string | null;
  department: string | null;
  region: string | null;
  region_name: string | null;
  birth_date: string | null;
  birth_year: number | null;
  gender: Gender | null;
  children: number | null;
  profession: string | null;
  income: string | null;
  housing: string | null;
  transport: string | null;
  interests: string | null;
  custom: string | null;
  source: string;
  last_interaction_at: string | null;
}

export type NormalisedRow =
  | { readonly ok: true; readonly contact: ContactValues; readonly consent: ConsentEventInput }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly refuseFile?: FileRefusal;
      readonly missing?: string[];
    };

export interface NormaliseContext {
  readonly now: Date;
  readonly parse: (input: string) => ParsedNumber;
  readonly places: PostalIndex | null;
}

const name = (v: string | undefined) => {
  const t = v?.trim();
  return t ? collapseSpaces(t).slice(0, 100) : null;
};

const bad = (field: string) => ({
  ok: false as const,
  reason: `invalid-${field.replaceAll('_', '-')}`,
});

/**
 * One import row -> a contact and its consent event, or the reason it is rejected. `get`
 * returns the raw value of a field (file-wide defaults already applied). The number must be
 * a valid mobile under a rule pack (FR-NUM-02/03); consent per readConsentColumns.
 */
export function normaliseContact(
  get: (field: string) => string | undefined,
  customFields: readonly string[],
  ctx: NormaliseContext,
): NormalisedRow {
  const rawPhone = get('phone')?.trim();
  if (!rawPhone) return { ok: false, reason: 'missing-phone' };
  const consent = readConsentColumns(get, ctx.now);
  if (!consent.ok && consent.refuseFile) return consent;
  const number = ctx.parse(rawPhone);
  if (!number.valid || !number.e164) return { ok: false, reason: 'invalid-number' };
  if (!number.mobile) return { ok: false, reason: 'not-mobile' };
  if (!number.rulePack) return { ok: false, reason: 'no-rule-pack' };
  if (!consent.ok) return consent;

  const birthDate = readBirthDate(get('birth_date') ?? '', ctx.now);
  if (birthDate === 'bad') return bad('birth_date');
  const year = birthDate
    ? Number(birthDate.slice(0, 4))
    : readSmallInt(get('birth_year') ?? '', 1900, ctx.now.getUTCFullYear());
  if (year === 'bad') return bad('birth_year');
  const gender = readGender(get('gender') ?? '');
  if (gender === 'bad') return bad('gender');
  const children = readSmallInt(get('children') ?? '', 0, 30);
  if (children === 'bad') return bad('children');
  const profession = readProfession(get('profession') ?? '');
  if (profession === 'bad') return bad('profession');
  const income = readIncome(get('income') ?? '');
  if (income === 'bad') return bad('income');
  const housing = readHousing(get('housing') ?? '');
  if (housing === 'bad') return bad('housing');
  const transport = readTransport(get('transport') ?? '');
  if (transport === 'bad') return bad('transport');
  const interaction = readInstant(get('last_interaction_at'));
  if (interaction === 'bad' || (interaction && interaction > isoOf(ctx.now))) {
    return bad('last_interaction_at');
  }
  let postal = get('postal_code')?.trim().replace(/\s/g, '') || null;
  if (postal && /^\d{4}$/.test(postal)) postal = `0${postal}`;
  if (postal && !/^\d{5}$/.test(postal)) return bad('postal_code');
  const place = postal && ctx.places ? locatePostalCode(ctx.places, postal, get('commune')) : null;

  let custom: string | null = null;
  if (customFields.length > 0) {
    const entries = customFields
      .map((f) => [f.slice('custom.'.length), get(f)?.trim() ?? ''] as const)
      .filter(([, v]) => v !== '');
    if (entries.length > 0) custom = JSON.stringify(Object.fromEntries(entries.sort()));
  }
  const ev = consent.event;
  return {
    ok: true,
    consent: ev,
    contact: {
      phone: number.e164,
      country: number.country,
      territory: number.territories[0] ?? number.country,
      first_name: name(get('first_name')),
      last_name: name(get('last_name')),
      postal_code: postal,
      commune_code: place?.communeCode ?? null,
      commune: place?.commune ?? name(get('commune')),
      department: place?.department ?? null,
      region: place?.region ?? null,
      region_name: place?.regionName ?? null,
      birth_date: birthDate,
      birth_year: year,
      gender,
      children,
      profession,
      income,
      housing,
      transport,
      interests: readInterests(get('interests') ?? ''),
      custom,
      source:
        ev.sourceType === 'list_provider'
          ? `list:${ev.partnerListUrl}@${ev.partnerListVersion}`
          : 'first_party',
      last_interaction_at: interaction,
    },
  };
}
