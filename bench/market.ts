/**
 * A marketplace quote on a large list: count the selection, dedup it against the advertiser's
 * file and suppressions through per-quote salted HMAC keys, price the net. Baseline measured in
 * the same run: the plain audience count (SQL tally, no dedup) of the same selection.
 * BENCH_LIST contacts in the list (default 200k), BENCH_OWN in the advertiser's file (default
 * 100k, half of them also in the list). Embedded SQLite in a temporary file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeListFilter } from '../src/core/marketplace/scope-list-filter.ts';
import { quoteList } from '../src/services/market.ts';
import { createMarketWorkspace } from '../src/services/market-settings.ts';
import { tallyAudience } from '../src/store/audience-counts.ts';
import { openStore } from '../src/store/db.ts';
import { insertListContacts, insertListRow } from '../src/store/lists.ts';
import { migrateStore } from '../src/store/migrate.ts';

const listSize = Number(process.env.BENCH_LIST ?? 200_000);
const ownSize = Number(process.env.BENCH_OWN ?? 100_000);
const now = new Date('2026-11-28T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'texto-bench-market-'));
const store = openStore({ dataDir: dir });
await migrateStore(store, now);
const provider = await createMarketWorkspace(store, { name: 'P', provider: true }, now);
const advertiser = await createMarketWorkspace(store, { name: 'A', legalName: 'A SA' }, now);
const phone = (i: number) => `+336${String(10_000_000 + i).padStart(8, '0')}`;
const departments = ['75', '92', '93', '94', '69', '13'];
const base = {
  country: 'FR',
  territory: 'FR',
  first_name: null,
  last_name: null,
  postal_code: null,
  commune_code: null,
  commune: null,
  region: null,
  region_name: null,
  birth_date: null,
  children: null,
  profession: null,
  income: null,
  housing: null,
  transport: null,
  interests: null,
  custom: null,
  last_interaction_at: null,
};
const event = {
  kind: 'granted',
  basis: 'opt_in',
  mechanism: 'unticked_checkbox',
  wording: 'partenaires',
  wordingVersion: null,
  formUrl: null,
  ip: null,
  userAgent: null,
  collectedAt: '2026-03-01T00:00:00.000Z',
  sourceType: 'list_provider',
  partnerListUrl: 'https://p/partners',
  partnerListVersion: 'v1',
  partnerConsent: true,
  prechecked: false,
  bundledWithTerms: false,
  customerPurchase: null,
  objectionOffered: null,
} as const;
const started = performance.now();
await store.bulk(async ({ db }) => {
  const list = {
    id: 'lst_bench',
    workspace_id: provider.id,
    name: 'bench',
    description: null,
    version: 1,
    rental_cpm_cents: 8000,
    purchase_cpm_cents: 25000,
    minimum_order_cents: 0,
    seeds: '[]',
    partners: '["A SA"]',
    coverage: '{}',
    contacts: listSize,
    created_at: now.toISOString(),
  };
  await insertListRow(db, list);
  for (let from = 0; from < listSize; from += 5000) {
    const batch = Array.from({ length: Math.min(5000, listSize - from) }, (_, k) => {
      const i = from + k;
      return {
        contact: {
          ...base,
          phone: phone(i),
          department: departments[i % departments.length]!,
          gender: (i % 2 ? 'M' : 'F') as 'M' | 'F',
          birth_year: 1950 + (i % 50),
          source: 'list:lst_bench@1',
        },
        events: [event],
      };
    });
    await insertListContacts(db, list, batch, {
      origin: 'bench',
      maxParameters: store.capabilities.maxParameters,
    });
  }
  const own = Array.from({ length: ownSize }, (_, i) => ({
    workspace_id: advertiser.id,
    list_id: null,
    ...base,
    phone: phone(i * 2 + (i % 2)),
    department: '75',
    gender: 'F' as const,
    birth_year: 1980,
    source: 'first_party',
    consent_basis: null,
    consent_status: 'none' as const,
    consent_valid_until: null,
    consent_collected_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  }));
  for (let i = 0; i < own.length; i += 1000)
    await db
      .insertInto('contacts')
      .values(own.slice(i, i + 1000))
      .execute();
});
process.stdout.write(
  `# loaded ${listSize} list contacts and ${ownSize} own contacts in ${Math.round(performance.now() - started)} ms\n`,
);

const filter = {
  all: [
    { field: 'department', in: ['75', '92', '93', '94'] },
    { field: 'age', between: [25, 60] },
  ],
};
const parsed = { kind: 'all', nodes: [] } as const;
async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let best = Number.POSITIVE_INFINITY;
  let result: T | undefined;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    result = await work();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, result: result! };
}
const quote = await time(() =>
  quoteList(store, { workspace: 'A', list: 'lst_bench', filter: JSON.stringify(filter) }, now),
);
const { parseAudienceFilter } = await import('../src/core/audience/parse-audience-filter.ts');
const tally = await time(() =>
  tallyAudience({
    db: store.db,
    caps: store.capabilities,
    workspaceId: provider.id,
    filter: scopeListFilter(
      'lst_bench',
      parsed.nodes.length ? parsed : parseAudienceFilter(filter),
    ),
    at: now.toISOString(),
  }),
);
const q = quote.result;
process.stdout.write(
  `market quote (count ${q.count}, duplicates ${q.duplicates}, net ${q.net}): ${quote.ms.toFixed(0)} ms\n` +
    `baseline audience count of the same selection (reachable ${tally.result.reachable}): ${tally.ms.toFixed(0)} ms\n` +
    `ratio quote / plain count: ${(quote.ms / tally.ms).toFixed(2)}\n`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
