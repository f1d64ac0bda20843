import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumber } from '../phone/parse-number.ts';
import { createNumberParser } from './create-number-parser.ts';
import { mapHeader, proposeFields } from './map-header.ts';
import { normaliseContact } from './normalise-contact.ts';
import {
  readBirthDate,
  readHousing,
  readIncome,
  readProfession,
  readTransport,
} from './read-attributes.ts';

const now = new Date('2026-11-28T12:00:00Z');
const base: Record<string, string> = {
  phone: '0612345678',
  consent_basis: 'opt_in',
  consent_mechanism: 'unticked_checkbox',
  consent_wording: "J'accepte",
  consent_collected_at: '2025-01-01',
};
function normalise(row: Record<string, string>) {
  const values = { ...base, ...row };
  return normaliseContact((f) => values[f], [], { now, parse: parseNumber, places: null });
}

test('row outcomes: numbers (FR-NUM-02/03), attributes, consent (FR-CONS-02/03/06, LIST-01)', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['good opt-in', {}, 'ok'],
    ['missing phone', { phone: ' ' }, 'missing-phone'],
    ['invalid number', { phone: '0612' }, 'invalid-number'],
    ['landline', { phone: '0145678901' }, 'not-mobile'],
    ['no rule pack (US mobile)', { phone: '+1 202 555 0143' }, 'no-rule-pack'],
    ['future birth date', { birth_date: '2030-01-01' }, 'invalid-birth-date'],
    ['French birth date', { birth_date: '12/05/1980' }, 'ok'],
    ['children not a number', { children: 'deux' }, 'invalid-children'],
    ['unknown transport', { transport: 'car|rocket' }, 'invalid-transport'],
    [
      'opt-out passive refuses the file',
      { consent_mechanism: 'opt_out_passive' },
      'opt-out-source',
    ],
    ['pre-ticked refuses the file', { consent_prechecked: 'oui' }, 'opt-out-source'],
    ['no collection date', { consent_collected_at: '' }, 'missing-consent-evidence'],
    ['future collection date', { consent_collected_at: '2027-01-01' }, 'invalid-consent-date'],
    // Date would roll 30 February over to 2 March: not a date, the row is rejected.
    ['impossible collection day', { consent_collected_at: '2025-02-30' }, 'invalid-consent-date'],
    ['collection time', { consent_collected_at: '2025-02-28T23:59:59Z' }, 'ok'],
    ['collection with an offset', { consent_collected_at: '2025-02-28T23:59:59+02:00' }, 'ok'],
    ['bundled with terms', { consent_bundled_with_terms: 'true' }, 'consent-bundled-with-terms'],
    [
      'soft opt-in needs its conditions',
      { consent_basis: 'soft_opt_in' },
      'missing-consent-evidence',
    ],
    [
      'soft opt-in without purchase',
      {
        consent_basis: 'soft_opt_in',
        consent_customer_purchase: 'false',
        consent_objection_offered: 'true',
      },
      'consent-soft-opt-in-conditions',
    ],
    [
      'soft opt-in from a list',
      {
        consent_basis: 'soft_opt_in',
        consent_partner: 'true',
        consent_partner_list_url: 'https://l.example',
        consent_partner_list_version: '1',
      },
      'consent-soft-opt-in-from-list',
    ],
    [
      'list without partner consent',
      {
        consent_source: 'list_provider',
        consent_partner_list_url: 'u',
        consent_partner_list_version: '1',
        consent_partner: 'false',
      },
      'consent-partner-consent-missing',
    ],
  ];
  for (const [name, row, expected] of cases) {
    const r = normalise(row);
    assert.equal(r.ok ? 'ok' : r.reason, expected, name);
  }
  const overseas = normalise({
    phone: '0692 12 34 56',
    birth_date: '12/05/1980',
    interests: ' Sport | cuisine |sport',
  });
  assert.ok(overseas.ok);
  assert.deepEqual(
    [
      overseas.contact.phone,
      overseas.contact.territory,
      overseas.contact.birth_date,
      overseas.contact.birth_year,
      overseas.contact.interests,
    ],
    ['+262692123456', 'RE', '1980-05-12', 1980, '|cuisine|sport|'],
  );
  // A CRM's lists: ';' or ',' between tags, as transport already accepted.
  const crm = normalise({ phone: '0612345678', interests: 'Jardin;cuisine, voyages' });
  assert.ok(crm.ok);
  assert.equal(crm.contact.interests, '|cuisine|jardin|voyages|');
});

test('birth dates: real days only (leap years), after 1900, not in the future', () => {
  const cases: Array<[string, string | null]> = [
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2023-02-29', 'bad'],
    ['1900-02-29', 'bad'],
    ['1990-04-31', 'bad'],
    ['1990-12-31', '1990-12-31'],
    ['1990-00-10', 'bad'],
    ['1899-12-31', 'bad'],
    ['5/3/1980', '1980-03-05'],
    ['31.12.1999', '1999-12-31'],
    ['2026-11-28', '2026-11-28'],
    ['2026-11-29', 'bad'],
    ['1980-5-3', 'bad'],
    [' ', null],
  ];
  for (const [text, expected] of cases) assert.equal(readBirthDate(text, now), expected, text);
});

test('attribute vocabularies', () => {
  const cases: Array<[(v: string) => unknown, string, unknown]> = [
    [readProfession, '3', '3'],
    [readProfession, '37', '3'],
    [readProfession, 'Retraité', '7'],
    [readProfession, 'Employée', '5'],
    [readProfession, 'astronaute', 'bad'],
    [readIncome, '30-45k', '30k-45k'],
    [readIncome, '30000-45000', '30k-45k'],
    [readIncome, '<15k', 'lt15k'],
    [readIncome, '> 90 k€', 'gt90k'],
    [readIncome, '20-50k', 'bad'],
    [readHousing, 'Maison, propriétaire', 'house_owner'],
    [readHousing, 'appartement', 'flat'],
    [readHousing, 'locataire', 'tenant'],
    [readTransport, 'voiture|Vélo|transports en commun', '|bicycle|car|public_transport|'],
  ];
  for (const [read, input, expected] of cases)
    assert.equal(read(input), expected, `${read.name}(${input})`);
});

test('headers: contract names, usual French names, custom columns', () => {
  const cases: Array<[string, string | undefined]> = [
    ['phone', 'phone'],
    ['Téléphone', 'phone'],
    ['Portable', 'phone'],
    ['Prénom', 'first_name'],
    ['NOM', 'last_name'],
    ['CP', 'postal_code'],
    ['Date de naissance', 'birth_date'],
    ['Civilité', 'gender'],
    ['CSP', 'profession'],
    ["Centres d'intérêt", 'interests'],
    ['consent_partner_list_version', 'consent_partner_list_version'],
    ['custom_vip', 'custom.vip'],
    ['colonne inconnue', undefined],
  ];
  for (const [header, field] of cases) assert.equal(mapHeader(header), field, header);
  assert.equal(mapHeader('Numéro', new Map([['Numéro', 'phone']])), 'phone');
});

test('the phone column found by its words when no header names it exactly', () => {
  const phoneOf = (header: string[]) => {
    const i = proposeFields(header).indexOf('phone');
    return i < 0 ? null : header[i];
  };
  const cases: Array<[string[], string | null]> = [
    [['Civilité', 'Nom', 'Téléphone portable', 'Code postal'], 'Téléphone portable'],
    [['Nom', 'Tél. portable'], 'Tél. portable'],
    [['Nom', 'N° de mobile'], 'N° de mobile'],
    [['Nom', 'Numéro de portable'], 'Numéro de portable'],
    [['Nom', 'Téléphone fixe', 'Téléphone portable'], 'Téléphone portable'],
    [['Nom', 'Tél. domicile', 'Tél. 2'], 'Tél. 2'],
    // A landline alone is no mobile; two alike are the user's choice; a name still wins.
    [['Nom', 'Téléphone fixe'], null],
    [['Nom', 'Tél. 1', 'Tél. 2'], null],
    [['Mobile', 'Téléphone portable'], 'Mobile'],
    [['Nom', 'Hotel'], null],
  ];
  for (const [header, phone] of cases) assert.equal(phoneOf(header), phone, header.join(', '));
  const explicit = new Map([['Tél. 1', 'phone' as const]]);
  assert.equal(proposeFields(['Tél. 1', 'Tél. portable'], explicit).indexOf('phone'), 0);
});

test('the number cache gives exactly what parseNumber gives', () => {
  const cached = createNumberParser('FR');
  const inputs = [
    '0612345678',
    '0612345679',
    '0692123456',
    '0692999999',
    '0639001122',
    '0690001234',
    '0145678901',
    '0612 34 56 78',
    '+33612345678',
    '0709351234',
  ];
  for (const input of [...inputs, ...inputs])
    assert.deepEqual(cached(input), parseNumber(input), input);
});
