import { collapseSpaces, isoOf, isRealDay } from './calendar-text.ts';
import {
  type Gender,
  type Housing,
  type IncomeBand,
  incomeBands,
  type Profession,
  professions,
  type Transport,
  transports,
} from './contact-fields.ts';

/** Readers of the targeting attributes: value, null when blank, 'bad' when not understood. */
/**
 * A reader of a column whose values repeat (a file has a handful of genders, professions,
 * income bands, transport and interest lists): each distinct text is read once. Bounded: the
 * cache starts over past 1,024 texts. Results are strings or null, shared safely.
 */
function memoizeText<R>(read: (value: string) => R): (value: string) => R {
  const seen = new Map<string, R>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined || seen.has(value)) return known as R;
    const result = read(value);
    if (seen.size >= 1024) seen.clear();
    seen.set(value, result);
    return result;
  };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9<>+]+/g, ' ')
    .trim();

const genderWords: Record<string, Gender> = {
  f: 'F',
  femme: 'F',
  female: 'F',
  woman: 'F',
  mme: 'F',
  madame: 'F',
  mlle: 'F',
  mademoiselle: 'F',
  mrs: 'F',
  ms: 'F',
  m: 'M',
  h: 'M',
  homme: 'M',
  male: 'M',
  man: 'M',
  mr: 'M',
  monsieur: 'M',
  x: 'X',
  autre: 'X',
  other: 'X',
  'non binaire': 'X',
  nonbinary: 'X',
};

function readGenderUncached(value: string): Gender | null | 'bad' {
  const v = fold(value);
  if (!v) return null;
  return genderWords[v] ?? 'bad';
}
export const readGender = memoizeText(readGenderUncached);

const professionWords: Array<[RegExp, Profession]> = [
  [/^agricult/, '1'],
  [/^(artisan|commercant|chef d entreprise|chefs d entreprise)/, '2'],
  [/^(cadre|profession intellectuelle|professions intellectuelles|profession liberale)/, '3'],
  [/^(profession intermediaire|professions intermediaires|technicien)/, '4'],
  [/^employe/, '5'],
  [/^ouvrier/, '6'],
  [/^retraite/, '7'],
  [/^(sans activite|autre|etudiant|inactif|chomeur|au foyer|autres personnes)/, '8'],
];

/** INSEE PCS 2020 group: '1'..'6', '7' retired, '8' other without activity; codes or words. */
function readProfessionUncached(value: string): Profession | null | 'bad' {
  const v = fold(value);
  if (!v) return null;
  const code = /^([1-8])\d*$/.exec(v)?.[1];
  if (code && code in professions) return code as Profession;
  return professionWords.find(([re]) => re.test(v))?.[1] ?? 'bad';
}
export const readProfession = memoizeText(readProfessionUncached);

const bandRanges: Array<[number, number, IncomeBand]> = [
  [0, 15, 'lt15k'],
  [15, 30, '15k-30k'],
  [30, 45, '30k-45k'],
  [45, 60, '45k-60k'],
  [60, 90, '60k-90k'],
  [90, Number.POSITIVE_INFINITY, 'gt90k'],
];

/** An income band from its code or a range such as '30-45k', '30000-45000', '<15k', '>90k'. */
function readIncomeUncached(value: string): IncomeBand | null | 'bad' {
  const raw = value.trim().toLowerCase();
  if (!raw) return null;
  if ((incomeBands as readonly string[]).includes(raw)) return raw as IncomeBand;
  const v = raw.replace(/\s|€|eur/g, '');
  const m = /^(<|>|moinsde|plusde)?(\d+(?:[.,]\d+)?)(k)?(?:[-–à](\d+(?:[.,]\d+)?)(k)?)?(k)?$/.exec(
    v,
  );
  if (!m) return 'bad';
  const thousands = (n: string, k: boolean) => {
    const x = Number(n.replace(',', '.'));
    return k || x < 1000 ? x : x / 1000;
  };
  const low = thousands(m[2]!, Boolean(m[3] || m[6]));
  if (m[1] === '<' || m[1] === 'moinsde') return low <= 15 ? 'lt15k' : 'bad';
  if (m[1] === '>' || m[1] === 'plusde') return low >= 90 ? 'gt90k' : 'bad';
  const high = m[4] ? thousands(m[4], Boolean(m[5] || m[6])) : low;
  const band = bandRanges.find(([lo, hi]) => low >= lo && high <= hi && low < hi);
  return band?.[2] ?? 'bad';
}
export const readIncome = memoizeText(readIncomeUncached);

function readHousingUncached(value: string): Housing | null | 'bad' {
  const v = fold(value);
  if (!v) return null;
  const kind = /\b(house|maison|pavillon)\b/.test(v)
    ? 'house'
    : /\b(flat|apartment|appartement|appart)\b/.test(v)
      ? 'flat'
      : null;
  const tenure = /\b(owner|proprietaire|proprio)\b/.test(v)
    ? 'owner'
    : /\b(tenant|locataire|renter)\b/.test(v)
      ? 'tenant'
      : null;
  if (!kind && !tenure) return 'bad';
  return (kind && tenure ? `${kind}_${tenure}` : (kind ?? tenure)) as Housing;
}
export const readHousing = memoizeText(readHousingUncached);

const transportWords: Record<string, Transport> = {
  car: 'car',
  voiture: 'car',
  auto: 'car',
  automobile: 'car',
  motorbike: 'motorbike',
  moto: 'motorbike',
  scooter: 'motorbike',
  bicycle: 'bicycle',
  bike: 'bicycle',
  velo: 'bicycle',
  public_transport: 'public_transport',
  'public transport': 'public_transport',
  'transports en commun': 'public_transport',
  'transport en commun': 'public_transport',
  bus: 'public_transport',
  metro: 'public_transport',
  train: 'public_transport',
  walking: 'walking',
  walk: 'walking',
  marche: 'walking',
  pied: 'walking',
  'a pied': 'walking',
};
for (const t of transports) transportWords[t] = t;

/** Multi-valued fields are '|'-separated in the file and stored as '|a|b|' (LIKE '%|a|%'). */
function readTransportUncached(value: string): string | null | 'bad' {
  const parts = value
    .split(/[|,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const out = new Set<string>();
  for (const p of parts) {
    const t = transportWords[p.toLowerCase()] ?? transportWords[fold(p).replace(/_/g, ' ')];
    if (!t) return 'bad';
    out.add(t);
  }
  return `|${[...out].sort().join('|')}|`;
}
export const readTransport = memoizeText(readTransportUncached);

/**
 * Free tags: trimmed, lower case, inner spaces collapsed; '|a|b|'. Separated by `|` (the
 * contract), or `;` and `,` as CRM exports write lists ("jardin;cuisine" was one tag).
 */
/** Tags separated by |: trimmed, lower case, inner spaces collapsed, each once, sorted. */
function readInterestsUncached(value: string): string | null {
  if (value === '') return null;
  const tags: string[] = [];
  for (const part of value.split(/[|;,]/)) {
    const tag = collapseSpaces(part.trim().toLowerCase());
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags.length === 0 ? null : `|${tags.sort().join('|')}|`;
}
export const readInterests = memoizeText(readInterestsUncached);

const ymd = /^(\d{4})-(\d{2})-(\d{2})$/;
const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * YYYY-MM-DD (or the French DD/MM/YYYY), a real day, not in the future, after 1900. Checked by
 * arithmetic, not through Date: it runs once per imported row.
 */
export function readBirthDate(value: string, now: Date): string | null | 'bad' {
  const v = value.trim();
  if (!v) return null;
  const m = ymd.exec(v);
  const f = m ? null : dmy.exec(v);
  if (!m && !f) return 'bad';
  const y = m ? m[1]! : f![3]!;
  const mo = m ? m[2]! : f![2]!.padStart(2, '0');
  const d = m ? m[3]! : f![1]!.padStart(2, '0');
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1900 || !isRealDay(year, month, day)) return 'bad';
  const iso = `${y}-${mo}-${d}`;
  // The day's text against today's date: compared as text, as far as the day goes.
  return iso > isoOf(now).slice(0, 10) ? 'bad' : iso;
}

export function readSmallInt(value: string, min: number, max: number): number | null | 'bad' {
  const v = value.trim();
  if (!v) return null;
  if (!/^\d+$/.test(v)) return 'bad';
  const n = Number(v);
  return n >= min && n <= max ? n : 'bad';
}
