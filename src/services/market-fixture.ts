import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store/db.ts';
import { importList } from './lists.ts';
import { createMarketWorkspace } from './market-settings.ts';

/**
 * Test support for the marketplace tests (services and CLI): a provider list CSV in the
 * contacts import format, and a market with a provider and advertisers named or not.
 */
const now = new Date('2026-11-28T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'texto-market-'));
const header =
  'phone,first_name,postal_code,gender,birth_year,consent_basis,consent_mechanism,consent_wording,consent_collected_at,consent_source,consent_partner,consent_partner_list_url,consent_partner_list_version';
const consent =
  "opt_in,unticked_checkbox,J'accepte les offres des partenaires,2026-03-01,list_provider";

/** The six list numbers (01–05 in Paris, 06 in Lyon) and the provider's seed. */
export const listPhones = [1, 2, 3, 4, 5, 6].map((i) => `+3361234560${i}`);
export const seedPhone = '+33699999901';

/** Writes a list CSV (header + rows) to a temporary file. */
export function writeCsv(name: string, rows: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
  return file;
}

export function listRows(partner = 'true', url = 'https://prov.example/partenaires'): string[] {
  return listPhones.map(
    (p, i) =>
      `0${p.slice(3)},N${i},${i === 5 ? '69001' : '75011'},${i % 2 ? 'M' : 'F'},19${80 + i},${consent},${partner},${url},v3`,
  );
}

/**
 * Own contacts of a workspace written straight to the store, by number: consent granted until
 * 2029 unless a row's columns say otherwise.
 */
export async function insertContacts(
  store: Store,
  workspaceId: string,
  rows: ReadonlyArray<readonly [string, Partial<Record<string, string | null>>]>,
): Promise<void> {
  for (const [phone, columns] of rows) {
    await store.db
      .insertInto('contacts')
      .values({
        workspace_id: workspaceId,
        list_id: null,
        phone,
        consent_status: 'granted',
        consent_valid_until: '2029-01-01T00:00:00.000Z',
        consent_basis: 'opt_in',
        source: 'first_party',
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        ...columns,
      } as never)
      .execute();
  }
}

/** A provider with a published list, and advertisers named (A, C) or not (B, S strict). */
export async function setUpMarket(store: Store) {
  const p = await createMarketWorkspace(
    store,
    { name: 'Prov', provider: true, legalName: 'Prov SAS' },
    now,
  );
  const a = await createMarketWorkspace(
    store,
    { name: 'Adv', legalName: 'Dupont Meubles SA', rightsMention: 'dup.fr/rgpd' },
    now,
  );
  // Other chose to be only warned when a form does not name it (LIST-01 is strict by default).
  const b = await createMarketWorkspace(
    store,
    { name: 'Other', legalName: 'Canal Plus', strictPartners: false },
    now,
  );
  const s = await createMarketWorkspace(
    store,
    { name: 'Strict', legalName: 'Strict SARL', strictPartners: true },
    now,
  );
  const c = await createMarketWorkspace(store, { name: 'Buyer', legalName: 'Martin & Cie' }, now);
  const outcome = await importList(store, {
    file: writeCsv('list.csv', listRows()),
    workspace: 'Prov',
    name: 'Paris opt-in',
    rentalCpm: '80',
    purchaseCpm: '250',
    minimumOrder: '0.10',
    seeds: '06 99 99 99 01',
    partners: 'Dupont Meubles S.A.; Martin & Cie',
    now,
  });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return { p, a, b, s, c, list: outcome.list };
}
