import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type Campaign,
  type CampaignState,
  campaignInputSchema,
  type Purpose,
  type Sector,
  type SlotMode,
} from '../core/campaign/campaign.ts';
import { transitionCampaign } from '../core/campaign/transition-campaign.ts';
import { DomainError, isDomainError } from '../core/domain-error.ts';
import type { CampaignReport } from '../core/plan/compose-campaign-report.ts';
import { findRulePack } from '../core/rules/rule-packs.ts';
import { parseWindowPolicy } from '../core/rules/window-policy.ts';
import { findAudience } from '../store/audiences.ts';
import {
  type CampaignRow,
  findCampaign,
  insertCampaign,
  updateCampaignState,
} from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { findLicence, releaseUnsentRentals } from '../store/licences.ts';
import { cancelPendingMessages, countMessagesByState } from '../store/messages.ts';
import { type CampaignPolicy, evaluateCampaign } from './campaign-evaluation.ts';
import { withCampaignDefaults } from './workspace-settings.ts';
import { resolveWorkspace } from './workspaces.ts';

export interface CampaignRequest {
  readonly workspace?: string | undefined;
  readonly name?: unknown;
  readonly sender?: unknown;
  readonly text?: unknown;
  readonly purpose?: unknown;
  readonly sector?: unknown;
  readonly audiences?: readonly string[] | undefined;
  readonly licences?: readonly string[] | undefined;
  readonly policy?: unknown;
  readonly start?: unknown;
  readonly finishBy?: unknown;
  readonly slots?: unknown;
  /** Parts per second; a string from the CLI is read as a number. */
  readonly tps?: unknown;
}

export interface CampaignView extends Campaign {
  readonly scheduledAt: string | null;
  readonly recipientDigest: string | null;
}

export interface CampaignRef {
  readonly workspace?: string | undefined;
  readonly id: string;
}

/**
 * Creates a draft campaign after validating it with the core's schema: its saved audiences and
 * licences must exist in the workspace. Without --start it starts as soon as allowed (now).
 */
export async function createCampaign(
  store: Store,
  request: CampaignRequest,
  now: Date,
): Promise<CampaignView> {
  const ws = await resolveWorkspace(store, request.workspace);
  const withDefaults = await withCampaignDefaults(store, ws.id, request);
  const input = await validateCampaignRequest(store, ws.id, withDefaults, now);
  const at = now.toISOString();
  const row: CampaignRow = {
    id: `cmp_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    workspace_id: ws.id,
    ...toColumns(input),
    state: 'draft',
    created_at: at,
    updated_at: at,
    scheduled_at: null,
    preflight_digest: null,
    preflight_summary: null,
    recipient_digest: null,
  };
  await insertCampaign(store.db, row);
  return toView(row);
}

/** The campaign's settings checked as a whole by the core's schema, then against the store. */
async function validateCampaignRequest(
  store: Store,
  workspaceId: string,
  request: CampaignRequest,
  now: Date,
): Promise<CampaignInput> {
  const tps =
    typeof request.tps === 'string' && request.tps.trim() !== ''
      ? Number(request.tps)
      : request.tps;
  const parsed = campaignInputSchema.safeParse({
    workspaceId,
    name: request.name,
    sender: request.sender,
    text: request.text,
    purpose: request.purpose,
    sector: request.sector,
    audiences: request.audiences ? [...new Set(request.audiences)] : undefined,
    licences: request.licences ? [...new Set(request.licences)] : undefined,
    policy: request.policy,
    schedule: {
      start: request.start ?? now.toISOString(),
      finishBy: request.finishBy,
      slots: request.slots,
    },
    tps,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || 'campaign'}: ${i.message}`,
    );
    throw new DomainError('invalid_input', `campaign: ${problems.join('; ')}`, { problems });
  }
  const input = parsed.data;
  const pack = findRulePack(input.rulePack);
  if (!pack) {
    throw new DomainError('invalid_input', `rulePack: unknown rule pack '${input.rulePack}'`);
  }
  try {
    parseWindowPolicy(input.policy, pack);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new DomainError('invalid_input', `policy: ${error.message}`, error.details);
  }
  for (const name of input.audiences) {
    if (!(await findAudience(store.db, workspaceId, name))) {
      throw new DomainError('not_found', `audience: no saved audience named '${name}'`);
    }
  }
  for (const id of input.licences) {
    if (!(await findLicence(store.db, workspaceId, id))) {
      throw new DomainError('not_found', `licence: no licence '${id}' in this workspace`);
    }
  }
  if (input.audiences.length === 0 && input.licences.length === 0) {
    throw new DomainError(
      'invalid_input',
      'audiences: give at least one audience or licence (--audience, --licence)',
      { field: 'audiences' },
    );
  }
  return input;
}

type CampaignInput = z.output<typeof campaignInputSchema>;

/** The columns a marketer sets (everything but identity, state and schedule-time facts). */
function toColumns(input: CampaignInput) {
  return {
    name: input.name,
    sender: input.sender,
    template: input.text,
    purpose: input.purpose,
    sector: input.sector,
    audiences: JSON.stringify(input.audiences),
    licences: JSON.stringify(input.licences),
    rule_pack: input.rulePack,
    policy: input.policy,
    start_at: input.schedule.start,
    finish_by: input.schedule.finishBy ?? null,
    slots: input.schedule.slots,
    tps: input.tps,
  } satisfies Partial<CampaignRow>;
}

/** The request field each edited column comes from (the audit entry names fields, not columns). */
const fieldOfColumn: Partial<Record<keyof ReturnType<typeof toColumns>, string>> = {
  template: 'text',
  rule_pack: 'rulePack',
  start_at: 'start',
  finish_by: 'finishBy',
};

/** Changes to a draft: a field left out keeps its value; `finishBy: null` removes the deadline. */
export type CampaignChanges = Omit<CampaignRequest, 'workspace' | 'finishBy'> & {
  readonly finishBy?: unknown;
};

/**
 * Edits a draft campaign: the changes are merged into its settings and the whole is validated
 * again as at creation. Any other state is refused (conflict): a scheduled campaign has its
 * messages written and its rentals consumed, so it is cancelled and copied instead. The
 * campaign's updatedAt moves, which makes any earlier preflight of it stale.
 */
export async function editCampaign(
  store: Store,
  ref: CampaignRef,
  changes: CampaignChanges,
  now: Date,
): Promise<{ campaign: CampaignView; changed: string[] }> {
  const row = await loadCampaign(store, ref);
  if (row.state !== 'draft') {
    throw new DomainError(
      'conflict',
      `campaign: only a draft can be edited, and ${row.id} is ${row.state}; cancel it and edit a copy instead`,
      { state: row.state },
    );
  }
  const current = toCampaign(row);
  const given = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
  const input = await validateCampaignRequest(
    store,
    row.workspace_id,
    {
      name: given(changes.name, current.name),
      sender: given(changes.sender, current.sender),
      text: given(changes.text, current.text),
      purpose: given(changes.purpose, current.purpose),
      sector: given(changes.sector, current.sector),
      audiences: given(changes.audiences, current.audiences),
      licences: given(changes.licences, current.licences),
      policy: given(changes.policy, current.policy),
      start: given(changes.start, current.schedule.start),
      finishBy:
        changes.finishBy === null ? undefined : given(changes.finishBy, current.schedule.finishBy),
      slots: given(changes.slots, current.schedule.slots),
      tps: given(changes.tps, current.tps),
    },
    now,
  );
  const columns = toColumns({ ...input, rulePack: current.rulePack });
  const changed = (Object.keys(columns) as (keyof typeof columns)[])
    .filter((k) => columns[k] !== row[k])
    .map((k) => fieldOfColumn[k] ?? k);
  const at = laterThan(row.updated_at, now);
  const done = await updateCampaignState(store.db, row.workspace_id, row.id, 'draft', {
    ...columns,
    state: 'draft',
    updated_at: at,
  });
  if (!done) {
    throw new DomainError('conflict', 'campaign: it changed state meanwhile; reload it and retry');
  }
  return { campaign: toView({ ...row, ...columns, updated_at: at }), changed };
}

/** `now` as ISO, at least one millisecond after `previous`: every edit gives a new updatedAt. */
function laterThan(previous: string, now: Date): string {
  const before = Date.parse(previous);
  return new Date(Math.max(now.getTime(), before + 1)).toISOString();
}

/** A campaign of the workspace, or not_found. */
export async function loadCampaign(store: Store, ref: CampaignRef): Promise<CampaignRow> {
  const ws = await resolveWorkspace(store, ref.workspace);
  const row = await findCampaign(store.db, ws.id, ref.id);
  if (!row) throw new DomainError('not_found', `no campaign '${ref.id}' in workspace ${ws.name}`);
  return row;
}

export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    sender: row.sender,
    text: row.template,
    purpose: row.purpose as Purpose,
    sector: row.sector as Sector,
    audiences: JSON.parse(row.audiences),
    licences: JSON.parse(row.licences),
    rulePack: row.rule_pack,
    policy: row.policy,
    schedule: {
      start: row.start_at,
      ...(row.finish_by ? { finishBy: row.finish_by } : {}),
      slots: row.slots as SlotMode,
    },
    tps: Number(row.tps),
    state: row.state as CampaignState,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toView(row: CampaignRow): CampaignView {
  return {
    ...toCampaign(row),
    scheduledAt: row.scheduled_at,
    recipientDigest: row.recipient_digest,
  };
}

/** The campaign, its messages counted by state and, once scheduled, the preflight it passed. */
export async function showCampaign(store: Store, ref: CampaignRef) {
  const row = await loadCampaign(store, ref);
  const messages = await countMessagesByState(store.db, row.workspace_id, row.id);
  return {
    ...toView(row),
    messages: { total: Object.values(messages).reduce((s, n) => s + n, 0), ...messages },
    preflight: row.preflight_summary ? (JSON.parse(row.preflight_summary) as unknown) : null,
  };
}

/** The compliance report of a campaign, recomputed at `now` (issue 7 contract shape). */
export async function preflightCampaign(
  store: Store,
  policy: CampaignPolicy,
  ref: CampaignRef,
  now: Date,
): Promise<CampaignReport & { campaign: string }> {
  const row = await loadCampaign(store, ref);
  const { composed } = await evaluateCampaign(store, policy, toCampaign(row), now);
  return { campaign: row.id, ...composed };
}

export type CancelOutcome =
  | { readonly ok: true; readonly campaign: CampaignView; readonly cancelledMessages: number }
  | { readonly ok: false; readonly reason: string; readonly message: string };

/**
 * Cancels a campaign from any live state, and with it every message not yet handed to a
 * gateway (planned or claimed). A rental it consumed stays consumed (LIST-05).
 */
export async function cancelCampaign(
  store: Store,
  ref: CampaignRef,
  now: Date,
): Promise<CancelOutcome> {
  const row = await loadCampaign(store, ref);
  const moved = transitionCampaign(toCampaign(row), 'cancel', { now });
  if (!moved.ok) return { ok: false, reason: moved.reason, message: moved.message };
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const done = await updateCampaignState(trx, row.workspace_id, row.id, row.state, {
      state: 'cancelled',
      updated_at: at,
    });
    if (!done) {
      return {
        ok: false,
        reason: 'invalid-transition',
        message: 'the campaign changed state meanwhile; try again',
      } as const;
    }
    const cancelled = await cancelPendingMessages(trx, row.workspace_id, row.id, at);
    // A rental whose one campaign sent nothing is not used up (LIST-05: one campaign).
    await releaseUnsentRentals(trx, row.workspace_id, row.id);
    return {
      ok: true,
      campaign: toView({ ...row, state: 'cancelled', updated_at: at }),
      cancelledMessages: cancelled,
    } as const;
  });
}
