import { maskPhone } from '../core/audience/mask-phone.ts';
import { DomainError } from '../core/domain-error.ts';
import { checkLicenceUse } from '../core/marketplace/check-licence-use.ts';
import { checkPartnerNaming } from '../core/marketplace/check-partner-naming.ts';
import { judgeSeedDelivery } from '../core/marketplace/judge-seed-delivery.ts';
import { centsToEuros } from '../core/marketplace/parse-euro-amount.ts';
import type { Finding } from '../core/preflight/finding.ts';
import type { Store } from '../store/db.ts';
import {
  findLicence,
  findLicenceById,
  isRentalRecipient,
  type LicenceRow,
  listLicences,
  listLicencesOn,
  listRentalContacts,
  markRentalConsumed,
} from '../store/licences.ts';
import { findList, findListsSeeding } from '../store/lists.ts';
import { insertMarketAlert } from '../store/market-alerts.ts';
import { readMarketSettings } from '../store/market-settings.ts';
import { findOrder } from '../store/orders.ts';
import { insertSuppression } from '../store/suppressions.ts';
import { passObjectionOn } from './objections.ts';
import { resolveWorkspace } from './workspaces.ts';

/** A licence as its holder sees it: counts and state, never a number. */
export interface LicenceView {
  readonly id: string;
  readonly type: 'rental' | 'purchase';
  readonly list: {
    readonly id: string;
    readonly name: string;
    readonly version: number;
    readonly provider: string;
  };
  /** Licensed contacts (net of duplicates); seeds are added to a rental's send, not billed. */
  readonly contacts: number;
  readonly seeds: number;
  readonly price: number;
  readonly currency: 'EUR';
  readonly state: 'active' | 'consumed';
  /** 1 for a rental, null (unlimited) for a purchase. */
  readonly campaignsAllowed: number | null;
  readonly campaignsLeft: number | null;
  readonly campaignId: string | null;
  readonly consumedAt: string | null;
  readonly createdAt: string;
}

export async function describeLicence(store: Store, licence: LicenceRow): Promise<LicenceView> {
  const list = await findList(store.db, licence.list_id);
  const order = await findOrder(store.db, licence.order_id);
  const rental = licence.type === 'rental';
  return {
    id: licence.id,
    type: licence.type,
    list: {
      id: licence.list_id,
      name: list?.name ?? '?',
      version: licence.list_version,
      provider: list?.providerLegalName ?? list?.providerName ?? '?',
    },
    contacts: licence.contacts,
    seeds: licence.seeds,
    price: centsToEuros(order?.price_cents ?? 0),
    currency: 'EUR',
    state: licence.state,
    campaignsAllowed: rental ? 1 : null,
    campaignsLeft: rental ? (licence.state === 'active' ? 1 : 0) : null,
    campaignId: licence.campaign_id,
    consumedAt: licence.consumed_at,
    createdAt: licence.created_at,
  };
}

/** The licences a workspace holds. */
export async function listWorkspaceLicences(
  store: Store,
  workspace: string,
): Promise<LicenceView[]> {
  const ws = await resolveWorkspace(store, workspace);
  const rows = await listLicences(store.db, { workspaceId: ws.id });
  return Promise.all(rows.map((r) => describeLicence(store, r)));
}

export type ConsumeOutcome =
  | { readonly ok: true; readonly licence: LicenceView }
  | { readonly ok: false; readonly reason: 'rental_already_used'; readonly message: string };

/**
 * The campaign side of LIST-05: a campaign of `workspaceId` uses a licence. A purchase may be
 * used by any number of campaigns; a rental by exactly one, atomically (the first campaign to
 * consume it wins; the same campaign may ask again). `sharedText` is the message text the
 * renter chose to show the provider (null: not shared).
 */
export async function consumeRental(
  store: Store,
  request: {
    workspaceId: string;
    licenceId: string;
    campaignId: string;
    sharedText?: string | null;
  },
  now: Date,
): Promise<ConsumeOutcome> {
  const licence = await findLicence(store.db, request.workspaceId, request.licenceId);
  if (!licence)
    throw new DomainError('not_found', `no licence '${request.licenceId}' in this workspace`);
  const verdict = checkLicenceUse(
    { type: licence.type, state: licence.state, campaignId: licence.campaign_id },
    request.campaignId,
  );
  const used = (by: string) =>
    ({
      ok: false,
      reason: 'rental_already_used',
      message: `rental ${licence.id} was already used by campaign ${by}: a rental allows exactly one campaign (rule LIST-05)`,
    }) as const;
  if (!verdict.ok) return used(verdict.usedBy);
  if (verdict.consumes) {
    const won = await markRentalConsumed(
      store.db,
      licence.id,
      request.campaignId,
      request.sharedText ?? null,
      now.toISOString(),
    );
    if (!won) {
      const again = await findLicence(store.db, request.workspaceId, request.licenceId);
      if (again?.campaign_id !== request.campaignId) return used(again?.campaign_id ?? '?');
    }
  }
  const fresh = await findLicence(store.db, request.workspaceId, request.licenceId);
  return { ok: true, licence: await describeLicence(store, fresh!) };
}

export interface RentalRecipient {
  readonly contactId: number | null;
  /** E.164: for the dispatcher only (routage); never shown to the renter. */
  readonly phone: string;
  readonly seed: boolean;
}

/**
 * The send list of a consumed rental, for the dispatcher (the platform routes a rental): the
 * licensed contacts not suppressed since, plus the provider's seed numbers (not billed).
 * Refused unless the rental was consumed by this campaign.
 */
export async function listRentalRecipients(
  store: Store,
  request: { workspaceId: string; licenceId: string; campaignId: string },
): Promise<RentalRecipient[]> {
  const licence = await findLicence(store.db, request.workspaceId, request.licenceId);
  if (!licence)
    throw new DomainError('not_found', `no licence '${request.licenceId}' in this workspace`);
  if (licence.type !== 'rental' || licence.campaign_id !== request.campaignId) {
    throw new DomainError(
      'refused',
      `licence ${licence.id} is not a rental consumed by campaign ${request.campaignId}`,
    );
  }
  const contacts = await listRentalContacts(store.db, licence);
  const list = await findList(store.db, licence.list_id);
  const taken = new Set(contacts.map((c) => c.phone));
  const seeds = (list?.seeds ?? []).filter((s) => !taken.has(s));
  return [
    ...contacts.map((c) => ({ contactId: c.id, phone: c.phone, seed: false })),
    ...seeds.map((phone) => ({ contactId: null, phone, seed: true })),
  ];
}

/**
 * A STOP from a rental recipient (LIST-04, OPT-01): the number is suppressed for the renter
 * (a respondent's opt-out is the renter's to keep) and, at once, for the provider, with the
 * report in its feed marked applied. LIST-04: the feed is applied before every send of the
 * list, and an objection to one partner is passed on to all, so the next renter's send must
 * not wait for the provider to act (`lists usage --apply-stops` did that by hand). A seed's
 * STOP is reported only. Returns what was done, never the number.
 */
export async function recordStopForRental(
  store: Store,
  request: { licenceId: string; phone: string },
  now: Date,
): Promise<{ suppressed: boolean; reported: boolean }> {
  const licence = await findLicenceById(store.db, request.licenceId);
  if (licence?.type !== 'rental') {
    throw new DomainError('not_found', `no rental '${request.licenceId}'`);
  }
  const list = await findList(store.db, licence.list_id);
  const seed = list?.seeds.includes(request.phone) ?? false;
  const recipient = seed || (await isRentalRecipient(store.db, licence, request.phone));
  if (!recipient) {
    throw new DomainError(
      'not_found',
      `number ${maskPhone(request.phone)} is not a recipient of rental ${licence.id}`,
    );
  }
  return store.db.transaction().execute(async (trx) => {
    let suppressed = false;
    if (!seed) {
      const stop = {
        phone: request.phone,
        reason: 'stop' as const,
        origin: `rental:${licence.id}`,
        note: 'STOP to a rented list',
      };
      suppressed = (await insertSuppression(trx, licence.workspace_id, stop, now)).added;
      await insertSuppression(trx, licence.provider_workspace_id, stop, now);
      await passObjectionOn(trx, licence.provider_workspace_id, request.phone, now);
    }
    await insertMarketAlert(trx, {
      provider_workspace_id: licence.provider_workspace_id,
      list_id: licence.list_id,
      kind: 'stop',
      phone: request.phone,
      licence_id: licence.id,
      campaign_id: licence.campaign_id,
      sender_workspace_id: licence.workspace_id,
      created_at: now.toISOString(),
      applied_at: seed ? null : now.toISOString(),
    });
    return { suppressed, reported: true };
  });
}

/**
 * Called for each message handed to a gateway (or each delivery): when the number is a seed
 * of some list and the campaign is not a licensed use of that list, the provider gets a
 * seed-misuse alert (LIST-05). Returns how many alerts were raised.
 */
export async function checkSeedDelivery(
  store: Store,
  delivery: { workspaceId: string; campaignId: string; phone: string },
  now: Date,
): Promise<{ alerts: number }> {
  const lists = await findListsSeeding(store.db, delivery.phone);
  if (lists.length === 0) return { alerts: 0 };
  const held = await listLicencesOn(
    store.db,
    delivery.workspaceId,
    lists.map((l) => l.id),
  );
  const misuses = judgeSeedDelivery(
    delivery,
    lists.map((l) => ({ listId: l.id, providerWorkspaceId: l.workspaceId })),
    held.map((l) => ({
      id: l.id,
      listId: l.list_id,
      workspaceId: l.workspace_id,
      type: l.type,
      campaignId: l.campaign_id,
    })),
  );
  for (const m of misuses) {
    await insertMarketAlert(store.db, {
      provider_workspace_id: m.providerWorkspaceId,
      list_id: m.listId,
      kind: 'seed_misuse',
      phone: delivery.phone,
      licence_id: null,
      campaign_id: delivery.campaignId,
      sender_workspace_id: delivery.workspaceId,
      created_at: now.toISOString(),
    });
  }
  return { alerts: misuses.length };
}

/**
 * The marketplace checks of a campaign using licences, for the preflight: LIST-01 (the
 * collection form names the advertiser: warn, or block in strict mode), LIST-05 (a rental
 * already used by another campaign: block) and LIST-03 (list contacts need the workspace's
 * rights mention in the first message: block when none is configured or the text lacks it).
 */
export async function checkCampaignLicences(
  store: Store,
  request: { workspaceId: string; campaignId: string; licenceIds: readonly string[]; text: string },
): Promise<Finding[]> {
  const ws = await resolveWorkspace(store, request.workspaceId);
  const settings = await readMarketSettings(store.db, ws.id);
  const findings: Finding[] = [];
  for (const id of request.licenceIds) {
    const licence = await findLicence(store.db, ws.id, id);
    if (!licence) throw new DomainError('not_found', `no licence '${id}' in this workspace`);
    const list = await findList(store.db, licence.list_id);
    const naming = checkPartnerNaming(
      list?.partners ?? [],
      { name: ws.name, legalName: ws.legal_name, strict: settings.list01Strict },
      licence.contacts,
    );
    if (naming) findings.push(naming);
    const use = checkLicenceUse(
      { type: licence.type, state: licence.state, campaignId: licence.campaign_id },
      request.campaignId,
    );
    if (!use.ok) {
      findings.push({
        rule: 'LIST-05',
        layer: 'policy',
        severity: 'block',
        count: licence.contacts,
        message: `La location ${licence.id} a déjà servi à la campagne ${use.usedBy} : une location ne permet qu’une campagne.`,
      });
    }
  }
  if (request.licenceIds.length > 0) {
    const mention = settings.rightsMention;
    if (!mention || !request.text.includes(mention)) {
      findings.push({
        rule: 'LIST-03',
        layer: 'law',
        severity: 'block',
        count: 0,
        message: mention
          ? `Le premier message aux contacts d’un fichier tiers doit contenir la mention « ${mention} » (source des données et droits).`
          : 'Aucune mention de source et de droits configurée pour cet espace (workspace create --rights-mention) : obligatoire pour un fichier tiers.',
      });
    }
  }
  return findings;
}
