/**
 * The fields an import row can map to, and the vocabularies of the targeting attributes
 * (docs/decisions/store.md explains each choice).
 */
export const contactFields = [
  'phone',
  'first_name',
  'last_name',
  'postal_code',
  'commune',
  'birth_date',
  'birth_year',
  'gender',
  'children',
  'profession',
  'income',
  'housing',
  'transport',
  'interests',
  'last_interaction_at',
  // The state an export gives (`withdrawn`: the person opted out; such a row is refused).
  'consent_status',
] as const;
export type ContactField = (typeof contactFields)[number];

export const consentFields = [
  'consent_basis',
  'consent_mechanism',
  'consent_wording',
  'consent_wording_version',
  'consent_collected_at',
  'consent_source',
  'consent_form_url',
  'consent_ip',
  'consent_user_agent',
  'consent_prechecked',
  'consent_bundled_with_terms',
  'consent_partner',
  'consent_partner_list_url',
  'consent_partner_list_version',
  'consent_customer_purchase',
  'consent_objection_offered',
] as const;
export type ConsentField = (typeof consentFields)[number];

/** A mapped field: a known one, or `custom.<name>` for a free attribute. */
export type ImportField = ContactField | ConsentField | `custom.${string}`;

export const genders = ['F', 'M', 'X'] as const;
export type Gender = (typeof genders)[number];

/**
 * INSEE PCS 2020 groups 1–6 (people in work), 7 retired, 8 other people without a
 * professional activity (students, at home…), as in the INSEE "groupes socioprofessionnels".
 */
export const professions = {
  '1': 'Agriculteurs exploitants',
  '2': "Artisans, commerçants et chefs d'entreprise",
  '3': 'Cadres et professions intellectuelles supérieures',
  '4': 'Professions intermédiaires',
  '5': 'Employés',
  '6': 'Ouvriers',
  '7': 'Retraités',
  '8': 'Autres personnes sans activité professionnelle',
} as const;
export type Profession = keyof typeof professions;

/** Yearly household income bands, in euros. */
export const incomeBands = ['lt15k', '15k-30k', '30k-45k', '45k-60k', '60k-90k', 'gt90k'] as const;
export type IncomeBand = (typeof incomeBands)[number];

/** Kind and tenure of the home: both, or only the part that is known. */
export const housings = [
  'house_owner',
  'house_tenant',
  'flat_owner',
  'flat_tenant',
  'house',
  'flat',
  'owner',
  'tenant',
] as const;
export type Housing = (typeof housings)[number];

export const transports = ['car', 'motorbike', 'bicycle', 'public_transport', 'walking'] as const;
export type Transport = (typeof transports)[number];
