import { randomBytes, randomUUID } from 'node:crypto';
import type { AudienceNode } from '../core/audience/audience-node.ts';
import { maskPhone } from '../core/audience/mask-phone.ts';
import { parseAudienceFilter } from '../core/audience/parse-audience-filter.ts';
import { DomainError } from '../core/domain-error.ts';
import { checkPartnerNaming } from '../core/marketplace/check-partner-naming.ts';
import { formatListSource } from '../core/marketplace/format-list-source.ts';
import { hashPhone } from '../core/marketplace/hash-phone.ts';
import { centsToEuros } from '../core/marketplace/parse-euro-amount.ts';
import { quoteSelection, type SelectionPrice } from '../core/marketplace/quote-selection.ts';
import { scopeListFilter } from '../core/marketplace/scope-list-filter.ts';
import type { Finding } from '../core/preflight/finding.ts';
import {
  type AudienceBreakdown,
  breakdownAudience,
  sampleAudience,
} from '../store/audience-counts.ts';
import { createContactImporter, type ImportRow } from '../store/contact-import.ts';
import type { Store } from '../store/db.ts';
import { insertLicence } from '../store/licences.ts';
import {
  findList,
  iterateHeldNumbers,
  iterateListSelection,
  type List,
  loadListContacts,
} from '../store/lists.ts';
import { readMarketSettings } from '../store/market-settings.ts';
import { insertOrder, insertQuote } from '../store/orders.ts';
import { breakdownFields } from './audiences.ts';
import { describeLicence, type LicenceView } from './licences.ts';
import { resolveWorkspace, type Workspace } from './workspaces.ts';

export interface MarketQuote {
  readonly list: ListRef;
  readonly at: string;
  readonly count: number;
  readonly duplicates: number;
  readonly net: number;
  /** Price in euros of renting / buying the net selection; null when not offered. */
  readonly rental: number | null;
  readonly purchase: number | null;
  readonly currency: 'EUR';
  readonly pricing: { readonly rental: PriceDetail | null; readonly purchase: PriceDetail | null };
  readonly breakdown?: AudienceBreakdown;
  /** A preview of the selection: masked numbers and coarse attributes only. */
  readonly sample?: Array<{
    phone: string;
    department: string | null;
    gender: string | null;
    age: number | null;
  }>;
  readonly findings: Finding[];
}

interface ListRef {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly provider: string;
}
interface PriceDetail {
  readonly cpm: number;
  readonly price: number;
  readonly minimumOrder: number;
  readonly minimumApplied: boolean;
}

export interface QuoteRequest {
  readonly workspace: string;
  readonly list: string;
  /** The audience filter (JSON text or parsed) applied to the list's contacts. */
  readonly filter: unknown;
  readonly breakdown?: readonly string[] | undefined;
  /** How many masked preview rows (0 to 20). */
  readonly sample?: number | undefined;
}

/** The most rows a preview reads to find its net rows (a preview may then come back short). */
const maxSampleScan = 5000;

/**
 * Counts a selection of a list for an advertiser, removes the numbers it already holds (its
 * own file and suppressions) through salted hashes, and prices the net count (net-name).
 */
export async function quoteList(
  store: Store,
  request: QuoteRequest,
  now: Date,
): Promise<MarketQuote> {
  const { advertiser, list, filter, strict } = await prepare(store, request);
  const selection = await selectNet(store, list, advertiser.id, filter, now);
  const quote = quoteSelection(selection, list);
  const fields = [...new Set(request.breakdown ?? [])];
  for (const field of fields) {
    if (!(breakdownFields as readonly string[]).includes(field)) {
      throw new DomainError(
        'invalid_input',
        `breakdown: '${field}' is not one of ${breakdownFields.join(', ')}`,
      );
    }
  }
  const breakdown =
    fields.length > 0
      ? await breakdownAudience(
          {
            db: store.db,
            caps: store.capabilities,
            workspaceId: list.workspaceId,
            filter: scopeListFilter(list.id, filter),
            at: now.toISOString(),
          },
          fields,
        )
      : undefined;
  const size = request.sample ?? 0;
  if (!Number.isInteger(size) || size < 0 || size > 20) {
    throw new DomainError('invalid_input', 'sample must be a whole number from 0 to 20');
  }
  // The preview shows what would be billed: the net selection. Drawn from the whole selection,
  // it showed the advertiser's own contacts among the provider's rows, i.e. what the provider
  // holds about people the advertiser knows (its attributes, beside a masked number). Rows
  // come in id order, so the first `size` net rows are among the first size + everything
  // taken out (duplicates, seeds).
  const net = new Set(selection.netIds);
  const preview =
    size > 0
      ? (
          await sampleAudience(
            {
              db: store.db,
              caps: store.capabilities,
              workspaceId: list.workspaceId,
              filter: scopeListFilter(list.id, filter),
              at: now.toISOString(),
            },
            Math.min(size + selection.duplicates + list.seeds.length, maxSampleScan),
          )
        )
          .filter((r) => net.has(r.id))
          .slice(0, size)
          .map((r) => ({
            phone: r.phone.includes('•') ? r.phone : maskPhone(r.phone),
            department: r.department,
            gender: r.gender,
            age: r.age,
          }))
      : undefined;
  await insertQuote(
    store.db,
    {
      workspaceId: advertiser.id,
      listId: list.id,
      selected: quote.count,
      duplicates: quote.duplicates,
      net: quote.net,
    },
    now.toISOString(),
  );
  const finding = partnerFinding(list, advertiser, strict, quote.net);
  return {
    list: listRef(list),
    at: now.toISOString(),
    count: quote.count,
    duplicates: quote.duplicates,
    net: quote.net,
    rental: quote.rental ? centsToEuros(quote.rental.cents) : null,
    purchase: quote.purchase ? centsToEuros(quote.purchase.cents) : null,
    currency: 'EUR',
    pricing: { rental: detail(quote.rental, list), purchase: detail(quote.purchase, list) },
    ...(breakdown ? { breakdown } : {}),
    ...(preview ? { sample: preview } : {}),
    findings: finding ? [finding] : [],
  };
}

export type OrderOutcome =
  | { readonly ok: true; readonly licence: LicenceView; readonly findings: Finding[] }
  | {
      readonly ok: false;
      readonly reason: 'not_offered' | 'empty_selection' | 'list01_not_named' | 'own_list';
      readonly message: string;
      readonly findings: Finding[];
    };

/**
 * Orders a selection: a rental (one campaign; the numbers stay on the platform, routed by it)
 * or a purchase (the contacts are copied into the advertiser's file with their consent
 * provenance). The order and its licence are written in one transaction.
 */
export async function orderList(
  store: Store,
  request: QuoteRequest & { type: string },
  now: Date,
): Promise<OrderOutcome> {
  if (request.type !== 'rental' && request.type !== 'purchase') {
    throw new DomainError(
      'invalid_input',
      `--type must be rental or purchase, not '${request.type}'`,
    );
  }
  const type = request.type;
  const { advertiser, list, filter, strict } = await prepare(store, request);
  const refuse = (
    reason: Extract<OrderOutcome, { ok: false }>['reason'],
    message: string,
    findings: Finding[] = [],
  ) => ({ ok: false, reason, message, findings }) as const;
  if (list.workspaceId === advertiser.id)
    return refuse('own_list', 'a provider cannot order its own list');
  const cpm = type === 'rental' ? list.rentalCpmCents : list.purchaseCpmCents;
  if (cpm === null) return refuse('not_offered', `list ${list.id} is not offered for ${type}`);
  const selection = await selectNet(store, list, advertiser.id, filter, now);
  const quote = quoteSelection(selection, list);
  const price = (type === 'rental' ? quote.rental : quote.purchase)!;
  const finding = partnerFinding(list, advertiser, strict, quote.net);
  const findings = finding ? [finding] : [];
  if (finding?.severity === 'block') {
    return refuse(
      'list01_not_named',
      `${finding.message} Mode strict : commande refusée.`,
      findings,
    );
  }
  if (quote.net === 0)
    return refuse('empty_selection', 'the selection has no contact left to order', findings);
  const at = now.toISOString();
  const orderId = `ord_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const licenceId = `lic_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const licence = {
    id: licenceId,
    workspace_id: advertiser.id,
    list_id: list.id,
    list_version: list.version,
    provider_workspace_id: list.workspaceId,
    order_id: orderId,
    type: type as 'rental' | 'purchase',
    contacts: quote.net,
    seeds: type === 'rental' ? list.seeds.length : 0,
    state: 'active' as const,
    campaign_id: null,
    consumed_at: null,
    shared_text: null,
    created_at: at,
  };
  await store.bulk(async (session) => {
    await insertOrder(session.db, {
      id: orderId,
      workspace_id: advertiser.id,
      list_id: list.id,
      provider_workspace_id: list.workspaceId,
      type,
      filter: JSON.stringify(filter),
      selected: quote.count,
      duplicates: quote.duplicates,
      net: quote.net,
      cpm_cents: price.cpmCents,
      price_cents: price.cents,
      minimum_applied: price.minimumApplied ? 1 : 0,
      created_at: at,
    });
    await insertLicence(
      session.db,
      licence,
      type === 'rental' ? selection.netIds : [],
      store.capabilities.maxParameters,
    );
    if (type === 'purchase') {
      const importer = createContactImporter(session, advertiser.id, {
        origin: `purchase:${licenceId} provider:${list.providerLegalName ?? list.providerName} ${formatListSource(list.id, list.version)}`,
        now,
      });
      const source = formatListSource(list.id, list.version);
      for (let i = 0; i < selection.netIds.length; i += 2000) {
        const loaded = await loadListContacts(
          session.db,
          list,
          selection.netIds.slice(i, i + 2000),
        );
        const rows: ImportRow[] = loaded.flatMap(({ contact, events }) => {
          const {
            id: _id,
            workspace_id: _w,
            list_id: _l,
            consent_basis: _b,
            consent_status: _s,
            consent_valid_until: _v,
            consent_collected_at: _c,
            created_at: _ca,
            updated_at: _u,
            ...values
          } = contact;
          return events.map((consent) => ({ line: 0, contact: { ...values, source }, consent }));
        });
        await importer.writeBatch(rows);
      }
    }
  });
  return { ok: true, licence: await describeLicence(store, licence), findings };
}

async function prepare(store: Store, request: QuoteRequest) {
  const advertiser = await resolveWorkspace(store, request.workspace);
  const list = await findList(store.db, request.list);
  if (!list) throw new DomainError('not_found', `no list '${request.list}' in the catalogue`);
  const filter = parseMarketFilter(request.filter);
  const { list01Strict } = await readMarketSettings(store.db, advertiser.id);
  return { advertiser, list, filter, strict: list01Strict };
}

function parseMarketFilter(input: unknown): AudienceNode {
  let json = input ?? {};
  if (typeof input === 'string') {
    if (input.length > 65_536) throw new DomainError('invalid_input', 'filter: larger than 64 KiB');
    try {
      json = JSON.parse(input);
    } catch (error) {
      throw new DomainError(
        'invalid_input',
        `filter: not valid JSON (${(error as Error).message})`,
      );
    }
  }
  const node = parseAudienceFilter(json);
  const text = JSON.stringify(node);
  if (text.includes('"kind":"audience"')) {
    throw new DomainError(
      'invalid_input',
      'filter: saved audiences cannot be used on a list; give the criteria',
    );
  }
  return node;
}

/**
 * The selection's reachable contacts minus seeds, split into duplicates and net by keyed
 * hashes: a fresh salt per call, the advertiser's numbers hashed once into a set, each
 * selected number hashed and looked up. The salt dies with the call; nothing is stored.
 */
async function selectNet(
  store: Store,
  list: List,
  advertiserId: string,
  filter: AudienceNode,
  now: Date,
) {
  const salt = randomBytes(32);
  const held = new Set<string>();
  for await (const page of iterateHeldNumbers(store.db, advertiserId)) {
    for (const phone of page) held.add(hashPhone(salt, phone));
  }
  const seeds = new Set(list.seeds);
  const netIds: number[] = [];
  let count = 0;
  let duplicates = 0;
  const scope = { db: store.db, caps: store.capabilities, list, filter, at: now.toISOString() };
  for await (const page of iterateListSelection(scope)) {
    for (const row of page) {
      if (seeds.has(row.phone)) continue;
      count += 1;
      if (held.has(hashPhone(salt, row.phone))) duplicates += 1;
      else netIds.push(row.id);
    }
  }
  salt.fill(0);
  return { count, duplicates, netIds };
}

export function partnerFinding(list: List, advertiser: Workspace, strict: boolean, count: number) {
  return checkPartnerNaming(
    list.partners,
    { name: advertiser.name, legalName: advertiser.legal_name, strict },
    count,
  );
}

function listRef(list: List): ListRef {
  return {
    id: list.id,
    name: list.name,
    version: list.version,
    provider: list.providerLegalName ?? list.providerName,
  };
}

function detail(price: SelectionPrice | null, list: List): PriceDetail | null {
  if (!price) return null;
  return {
    cpm: centsToEuros(price.cpmCents),
    price: centsToEuros(price.cents),
    minimumOrder: centsToEuros(list.minimumOrderCents),
    minimumApplied: price.minimumApplied,
  };
}
