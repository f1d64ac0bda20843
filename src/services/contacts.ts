import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ConsentState } from '../core/consent/derive-consent-state.ts';
import { judgeConsentAt } from '../core/consent/derive-consent-state.ts';
import { professions } from '../core/contact/contact-fields.ts';
import { formatCsvLine } from '../core/contact/split-csv.ts';
import { DomainError } from '../core/domain-error.ts';
import { buildPostalIndex, type PostalIndex } from '../core/geo/locate-postal-code.ts';
import {
  type ContactRow,
  countContacts,
  findContactByPhone,
  iterateContacts,
} from '../store/contacts.ts';
import type { Store } from '../store/db.ts';
import { findActiveSuppression } from '../store/suppressions.ts';
import { requireNumber } from './suppression.ts';

/** A contact as the CLI and the API show it: tags as arrays, custom as an object. */
export function describeContact(row: ContactRow) {
  const tags = (v: string | null) => (v ? v.split('|').filter(Boolean) : []);
  return {
    id: row.id,
    phone: row.phone,
    listId: row.list_id,
    country: row.country,
    territory: row.territory,
    firstName: row.first_name,
    lastName: row.last_name,
    postalCode: row.postal_code,
    communeCode: row.commune_code,
    commune: row.commune,
    department: row.department,
    region: row.region,
    regionName: row.region_name,
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    gender: row.gender,
    children: row.children,
    profession: row.profession,
    professionLabel: row.profession
      ? (professions[row.profession as keyof typeof professions] ?? null)
      : null,
    income: row.income,
    housing: row.housing,
    transport: tags(row.transport),
    interests: tags(row.interests),
    custom: row.custom ? (JSON.parse(row.custom) as Record<string, string>) : {},
    source: row.source,
    lastInteractionAt: row.last_interaction_at,
    consent: {
      status: row.consent_status,
      basis: row.consent_basis,
      collectedAt: row.consent_collected_at,
      validUntil: row.consent_valid_until,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One contact by number, with whether it may be messaged now and any suppression. */
export async function showContact(store: Store, workspaceId: string, number: string, now: Date) {
  const phone = requireNumber(number);
  const row = await findContactByPhone(store.db, workspaceId, phone);
  if (!row) throw new DomainError('not_found', `no contact ${phone} in this workspace`, { phone });
  const suppression = await findActiveSuppression(store.db, workspaceId, phone);
  const state: ConsentState = {
    status: row.consent_status,
    basis: row.consent_basis as ConsentState['basis'],
    collectedAt: row.consent_collected_at,
    validUntil: row.consent_valid_until,
  };
  const verdict = judgeConsentAt(state, now);
  return {
    ...describeContact(row),
    messageable: verdict.ok && !suppression,
    consentVerdict: verdict.ok ? 'ok' : verdict.reason,
    suppression: suppression
      ? {
          reason: suppression.reason,
          origin: suppression.origin,
          createdAt: suppression.created_at,
        }
      : null,
  };
}

export async function countWorkspaceContacts(store: Store, workspaceId: string): Promise<number> {
  return countContacts(store.db, workspaceId);
}

export const exportColumns = [
  'phone',
  'first_name',
  'last_name',
  'postal_code',
  'commune_code',
  'commune',
  'department',
  'region',
  'birth_date',
  'birth_year',
  'gender',
  'children',
  'profession',
  'income',
  'housing',
  'transport',
  'interests',
  'custom',
  'country',
  'territory',
  'source',
  'consent_status',
  'consent_basis',
  'consent_collected_at',
  'consent_valid_until',
  'last_interaction_at',
  // The reason of an active suppression (stop, spam_report, manual, invalid): never send.
  'suppression',
] as const;

/**
 * Streams a workspace's contacts as CSV lines (header first) in id order; multi-valued fields
 * come out as 'a|b' so the file imports back. Returns the number of contacts written.
 */
export async function exportContacts(
  store: Store,
  workspaceId: string,
  write: (line: string) => Promise<void> | void,
): Promise<number> {
  await write(`${formatCsvLine([...exportColumns])}\n`);
  let count = 0;
  for await (const row of iterateContacts(store.db, workspaceId)) {
    const values = exportColumns.map((c) => {
      const v = row[c];
      if (v === null || v === undefined) return '';
      if (c === 'transport' || c === 'interests') return String(v).replace(/^\||\|$/g, '');
      return String(v);
    });
    await write(`${formatCsvLine(values)}\n`);
    count += 1;
  }
  return count;
}

let places: PostalIndex | undefined;

/** The postal-code index from @etalab/decoupage-administratif, read once per process. */
export function loadPlaces(): PostalIndex {
  if (!places) {
    const require = createRequire(import.meta.url);
    const read = (name: string) =>
      JSON.parse(
        readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}`), 'utf8'),
      );
    const regions = read('regions.json') as Array<{ code: string; nom: string }>;
    places = buildPostalIndex(read('communes.json'), new Map(regions.map((r) => [r.code, r.nom])));
  }
  return places;
}
