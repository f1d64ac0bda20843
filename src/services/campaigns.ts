import { randomUUID } from 'node:crypto';
import {
  type Campaign,
  type CampaignState,
  campaignInputSchema,
  type Purpose,
  type Sector,
  type SlotMode,
} from '../core/campaign/campaign.ts';
import { transitionCampaign } from '../core/campaign/transition-campaign.ts';
import { DomainError } from '../core/domain-error.ts';
import type { CampaignReport } from '../core/plan/compose-campaign-report.ts';
import { findRulePack } from '../core/rules/rule-packs.ts';
import { findAudience } from '../store/audiences.ts';
import {
  type CampaignRow,
  findCampaign,
  insertCampaign,
  updateCampaignState,
} from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { findLicence } from '../store/licences.ts';
import { cancelPendingMessages, countMessagesByState } from '../store/messages.ts';
import { type CampaignPolicy, evaluateCampaign } from './campaign-evaluation.ts';
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
  const tps =
    typeof request.tps === 'string' && request.tps.trim() !== ''
      ? Number(request.tps)
      : request.tps;
  const parsed = campaignInputSchema.safeParse({
    workspaceId: ws.id,
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
  if (!findRulePack(input.rulePack)) {
    throw new DomainError('invalid_input', `rulePack: unknown rule pack '${input.rulePack}'`);
  }
  for (const name of input.audiences) {
    if (!(await findAudience(store.db, ws.id, name))) {
      throw new DomainError('not_found', `audience: no saved audience named '${name}'`);
    }
  }
  for (const id of input.licences) {
    if (!(await findLicence(store.db, ws.id, id))) {
      throw new DomainError('not_found', `licence: no licence '${id}' in this workspace`);
    }
  }
  if (input.audiences.length === 0 && input.licences.length === 0) {
    throw new DomainError('invalid_input', 'campaign: give at least one --audience or --licence');
  }
  const at = now.toISOString();
  const row: CampaignRow = {
    id: `cmp_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    workspace_id: ws.id,
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
    return {
      ok: true,
      campaign: toView({ ...row, state: 'cancelled', updated_at: at }),
      cancelledMessages: cancelled,
    } as const;
  });
}
