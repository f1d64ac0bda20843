import type { AudienceNode } from '../core/audience/audience-node.ts';
import { parseAudienceFilter } from '../core/audience/parse-audience-filter.ts';
import { resolveAudienceRefs } from '../core/audience/resolve-audience-refs.ts';
import { DomainError } from '../core/domain-error.ts';
import { formatListSource, listIdOfSource } from '../core/marketplace/format-list-source.ts';
import type { PreflightRecipient } from '../core/preflight/preflight-recipient.ts';
import { listAudiences } from '../store/audiences.ts';
import {
  basisFlags,
  iterateOwnRecipients,
  iterateRentalRecipients,
  type RecipientRow,
  type RecipientValueColumn,
} from '../store/campaign-recipients.ts';
import type { Store } from '../store/db.ts';
import { findLicence, type LicenceRow } from '../store/licences.ts';

/** A preflight recipient plus what the certificate and the message rows need. */
export interface CampaignRecipient extends PreflightRecipient {
  readonly basis: string | null;
}

export interface RecipientSet {
  /** Ascending contact id order. */
  readonly recipients: CampaignRecipient[];
  /** The campaign's licences, as stored. */
  readonly licences: readonly LicenceRow[];
  /** Rentals already consumed by another campaign, with that campaign (LIST-05). */
  readonly usedRentals: ReadonlyMap<string, string>;
}

/** Placeholder names read from the contact's own columns; any other comes from `custom`. */
const valueColumns: Readonly<Record<string, RecipientValueColumn>> = {
  firstName: 'first_name',
  prenom: 'first_name',
  lastName: 'last_name',
  nom: 'last_name',
  commune: 'commune',
  city: 'commune',
  ville: 'commune',
  postalCode: 'postal_code',
  department: 'department',
};

/**
 * Reads every recipient of a campaign from the store in big keyset pages: the workspace's
 * contacts matching any of its audiences or copied from a purchased list, plus the contacts of
 * each rental (from the provider's workspace, its suppression feed applied). Nothing is dropped:
 * suppressed and consentless contacts are returned flagged, for the preflight to count.
 */
export async function loadCampaignRecipients(
  store: Store,
  campaign: {
    readonly id: string;
    readonly workspaceId: string;
    readonly audiences: readonly string[];
    readonly licences: readonly string[];
    readonly placeholders: readonly string[];
  },
  now: Date,
  options: { readonly wholeWorkspace?: boolean } = {},
): Promise<RecipientSet> {
  // The composer's worst case with no audience chosen reads every contact of the workspace.
  const filters: AudienceNode[] = options.wholeWorkspace
    ? [{ kind: 'all', nodes: [] }]
    : await resolveAudiences(store, campaign.workspaceId, campaign.audiences);
  const licences: LicenceRow[] = [];
  for (const id of campaign.licences) {
    const licence = await findLicence(store.db, campaign.workspaceId, id);
    if (!licence) throw new DomainError('not_found', `no licence '${id}' in this workspace`);
    licences.push(licence);
  }
  const toRecipient = createRecipientBuilder(campaign.placeholders);
  const columns = {
    at: now.toISOString(),
    values: campaign.placeholders.map((p) => valueColumns[p] ?? 'custom'),
  };
  const own: CampaignRecipient[] = [];
  const scope = {
    ...columns,
    db: store.db,
    caps: store.capabilities,
    workspaceId: campaign.workspaceId,
    filters,
    listSources: licences
      .filter((l) => l.type === 'purchase')
      .map((l) => formatListSource(l.list_id, l.list_version)),
  };
  for await (const page of iterateOwnRecipients(scope)) {
    for (const row of page) own.push(toRecipient(row, null));
  }
  const usedRentals = new Map<string, string>();
  let rented: CampaignRecipient[] = [];
  for (const licence of licences.filter((l) => l.type === 'rental')) {
    if (licence.campaign_id !== null && licence.campaign_id !== campaign.id) {
      usedRentals.set(licence.id, licence.campaign_id);
    }
    const rows: CampaignRecipient[] = [];
    const rental = {
      licenceId: licence.id,
      listId: licence.list_id,
      providerWorkspaceId: licence.provider_workspace_id,
      renterWorkspaceId: campaign.workspaceId,
    };
    for await (const page of iterateRentalRecipients(store.db, rental, columns)) {
      for (const row of page) rows.push(toRecipient(row, licence));
    }
    rented = mergeById(rented, rows);
  }
  return { recipients: mergeById(own, rented), licences, usedRentals };
}

/** The saved audiences named, each resolved (references to other saved audiences expanded). */
async function resolveAudiences(
  store: Store,
  workspaceId: string,
  names: readonly string[],
): Promise<AudienceNode[]> {
  if (names.length === 0) return [];
  const saved = new Map(
    (await listAudiences(store.db, workspaceId)).map((a) => [a.name, a.filter] as const),
  );
  const parsed = new Map<string, AudienceNode>();
  const lookup = (name: string) => {
    if (!parsed.has(name) && saved.has(name)) {
      parsed.set(name, parseAudienceFilter(saved.get(name)));
    }
    return parsed.get(name);
  };
  return names.map((name) => {
    const node = lookup(name);
    if (!node) throw new DomainError('not_found', `no saved audience named '${name}'`);
    return resolveAudienceRefs(node, lookup, [name]);
  });
}

function createRecipientBuilder(placeholders: readonly string[]) {
  const fromColumns = placeholders.filter((p) => valueColumns[p] !== undefined);
  const fromCustom = placeholders.filter((p) => valueColumns[p] === undefined);
  return (row: RecipientRow, licence: LicenceRow | null): CampaignRecipient => {
    let values: Record<string, string | null> | undefined;
    if (placeholders.length > 0) {
      values = {};
      for (const p of fromColumns) values[p] = row[valueColumns[p]!] as string | null;
      if (fromCustom.length > 0 && typeof row.custom === 'string') {
        const custom = parseCustom(row.custom);
        for (const p of fromCustom) {
          const v = custom[p];
          values[p] = v === undefined || v === null ? null : String(v);
        }
      }
    }
    const k = Number(row.k);
    const consent = k & 3;
    return {
      id: Number(row.id),
      phone: row.phone,
      department: row.department,
      postalCode: row.postal_code,
      // The store judged consent at `now`: 1 = not granted, 2 = lapsed (an end in the past).
      consentStatus: consent === 1 ? 'none' : 'granted',
      consentValidUntil: consent === 2 ? 0 : null,
      suppressed: (k & 4) !== 0,
      exception:
        k & basisFlags.b2b ? 'b2b' : k & basisFlags.non_commercial ? 'non_commercial' : null,
      listId: licence?.list_id ?? listOf(row.list_ref),
      licenceId: licence?.id ?? null,
      licenceKind: licence ? licence.type : null,
      basis: basisOf(k),
      ...(values ? { values } : {}),
    };
  };
}

/** The consent basis a recipient row's flags carry, or null when none is recorded. */
function basisOf(k: number): string | null {
  for (const [basis, flag] of Object.entries(basisFlags)) if (k & flag) return basis;
  return null;
}

/** A list id from a list_id, or from a purchased copy's source 'list:<id>@<version>'. */
function listOf(ref: string | null): string | null {
  return ref?.startsWith('list:') ? listIdOfSource(ref) : ref;
}

function parseCustom(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Merges two id-ascending arrays into one id-ascending array. */
function mergeById<T extends { readonly id: number }>(a: T[], b: T[]): T[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.id <= b[j]!.id ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
