import { DomainError } from '../domain-error.ts';
import { consentFields, contactFields, type ImportField } from './contact-fields.ts';

/** 'Centres d’intérêt' -> 'centres_d_interet': lower case, no accents, '_' between words. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const synonyms: Record<string, ImportField> = {};
const add = (field: ImportField, ...names: string[]) => {
  for (const n of [field, ...names]) synonyms[normaliseHeader(n)] = field;
};
for (const f of [...contactFields, ...consentFields]) add(f);
add('phone', 'telephone', 'tel', 'mobile', 'portable', 'gsm', 'msisdn', 'numero', 'phone number');
add('phone', 'mobile phone', 'numero de telephone', 'numero de mobile', 'numero mobile', 'cell');
add('phone', 'telephone mobile', 'tel mobile', 'tel portable', 'e164');
add('first_name', 'firstname', 'first name', 'prenom', 'given name');
add('last_name', 'lastname', 'last name', 'nom', 'nom de famille', 'surname', 'family name');
add('postal_code', 'zip', 'zip code', 'zipcode', 'postcode', 'post code', 'code postal', 'cp');
add('commune', 'ville', 'city', 'localite');
add('birth_date', 'birthdate', 'date of birth', 'dob', 'date de naissance', 'date naissance');
add('birth_date', 'naissance', 'ddn');
add('birth_year', 'year of birth', 'annee de naissance', 'annee naissance');
add('gender', 'sex', 'sexe', 'civilite', 'civ', 'genre', 'title');
add('children', 'enfants', 'nombre d enfants', 'nb enfants', 'nombre enfants', 'kids');
add('profession', 'csp', 'pcs', 'categorie socioprofessionnelle', 'occupation', 'metier');
add('income', 'revenu', 'revenus', 'tranche de revenu', 'tranche de revenus');
add('housing', 'logement', 'habitat', 'type de logement');
add('transport', 'transports', 'moyen de transport', 'moyens de transport', 'mobilite');
add('interests', 'centres d interet', 'centres d interets', 'centre d interet', 'interets');
add('interests', 'tags', "centres d'intérêt");
add('last_interaction_at', 'derniere interaction', 'last interaction');
add('consent_collected_at', 'date de consentement', 'date consentement', 'date optin');
add('consent_bundled_with_terms', 'consent_bundled');

/**
 * The field a CSV header maps to: an explicit `--map` entry first, then the known names
 * (English and usual French), then `custom.x` / `custom_x`; undefined when unknown.
 */
export function mapHeader(
  header: string,
  explicit: ReadonlyMap<string, ImportField> = new Map(),
): ImportField | undefined {
  const byName = explicit.get(header) ?? explicit.get(normaliseHeader(header));
  if (byName) return byName;
  const key = normaliseHeader(header);
  const known = synonyms[key];
  if (known) return known;
  const custom = /^custom[._](.+)$/.exec(key);
  return custom ? `custom.${custom[1]}` : undefined;
}

/** Words of a header that name a telephone, a mobile one, or one that cannot be a mobile. */
const phoneWords = new Set(['telephone', 'tel', 'phone', 'mobile', 'portable', 'gsm', 'cell']);
const mobileWords = new Set(['mobile', 'portable', 'gsm', 'cell', 'cellulaire', 'sms']);
const landlineWords = new Set([
  'fixe',
  'domicile',
  'bureau',
  'fax',
  'pro',
  'professionnel',
  'travail',
  'standard',
  'home',
  'work',
  'office',
  'landline',
]);

/**
 * The field of each column: `mapHeader`, then, when no column is the phone by name, the one
 * column whose words say it is a telephone, a mobile one preferred, never a landline
 * ("Téléphone portable", "Tél. portable", "N° de mobile", "Numéro de portable" beside a
 * "Téléphone fixe"). Two candidates alike are left to the user (`--map`, the mapping step).
 * The server and the web client's mapping step both use this.
 */
export function proposeFields(
  header: readonly string[],
  explicit: ReadonlyMap<string, ImportField> = new Map(),
): Array<ImportField | undefined> {
  const fields = header.map((h) => mapHeader(h, explicit));
  if (fields.includes('phone')) return fields;
  const candidates = header.flatMap((h, i) => {
    if (fields[i] !== undefined) return [];
    const words = normaliseHeader(h).split(/[_.]+/);
    if (!words.some((w) => phoneWords.has(w)) || words.some((w) => landlineWords.has(w))) {
      return [];
    }
    return [{ i, mobile: words.some((w) => mobileWords.has(w)) }];
  });
  const mobiles = candidates.filter((c) => c.mobile);
  const chosen = mobiles.length > 0 ? mobiles : candidates;
  if (chosen.length === 1) fields[chosen[0]!.i] = 'phone';
  return fields;
}

/** Whether `name` is a field `--map` may target. */
export function isImportField(name: string): name is ImportField {
  return (
    (contactFields as readonly string[]).includes(name) ||
    (consentFields as readonly string[]).includes(name) ||
    /^custom\.[A-Za-z0-9_]+$/.test(name)
  );
}

/** `a=phone,b=custom.vip` -> Map; bad usage names what is wrong. */
export function parseMapOption(text: string | undefined): Map<string, ImportField> {
  const map = new Map<string, ImportField>();
  for (const pair of (text ?? '').split(',').filter((p) => p.trim() !== '')) {
    const eq = pair.lastIndexOf('=');
    const column = pair.slice(0, eq).trim();
    const field = pair.slice(eq + 1).trim();
    if (eq <= 0 || !field)
      throw new DomainError('invalid_input', `map (--map): '${pair}' is not column=field`);
    if (!isImportField(field)) {
      throw new DomainError(
        'invalid_input',
        `map (--map): unknown field '${field}' for column '${column}'`,
        { field },
      );
    }
    map.set(column, field);
  }
  return map;
}

/** The field of each header column, the mapping shown to the user, the ignored columns. */
export function mapColumns(header: string[], explicit: ReadonlyMap<string, ImportField>) {
  const fieldOf = proposeFields(header, explicit);
  const columns: Record<string, string> = {};
  const ignored: string[] = [];
  const seen = new Map<string, string>();
  header.forEach((h, i) => {
    const field = fieldOf[i];
    if (!field) {
      ignored.push(h);
      return;
    }
    const other = seen.get(field);
    if (other !== undefined) {
      throw new DomainError(
        'invalid_input',
        `columns '${other}' and '${h}' both map to ${field}; use --map to choose`,
        { field },
      );
    }
    seen.set(field, h);
    columns[h] = field;
  });
  const customFields = fieldOf.filter((f): f is `custom.${string}` =>
    Boolean(f?.startsWith('custom.')),
  );
  return { fieldOf, columns, ignored, customFields };
}
