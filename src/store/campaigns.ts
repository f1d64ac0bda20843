import type { Kysely, Selectable } from 'kysely';
import { appendAuditEntry } from './audit-log.ts';
import { type MessageState, messageTables } from './messages.ts';
import type { Database } from './schema.ts';

/** The campaigns table (migration 0006-campaigns); list columns are JSON arrays. */
export interface CampaignsTable {
  id: string;
  workspace_id: string;
  name: string;
  sender: string;
  template: string;
  purpose: string;
  sector: string;
  /** JSON array of saved audience names. */
  audiences: string;
  /** JSON array of licence ids. */
  licences: string;
  rule_pack: string;
  policy: string;
  start_at: string;
  finish_by: string | null;
  slots: string;
  tps: number;
  state: string;
  created_at: string;
  updated_at: string;
  scheduled_at: string | null;
  /** SHA-256 of the preflight summary stored with it, at schedule time. */
  preflight_digest: string | null;
  /** The preflight report (JSON) the campaign was scheduled on. */
  preflight_summary: string | null;
  /** digestRecipients() of the eligible numbers at schedule time. */
  recipient_digest: string | null;
}

export type CampaignRow = Selectable<CampaignsTable>;

export type CampaignDb = Kysely<Database & { campaigns: CampaignsTable }>;

export function campaignTables(db: Kysely<Database>): CampaignDb {
  return db.withTables<{ campaigns: CampaignsTable }>();
}

export async function insertCampaign(db: Kysely<Database>, row: CampaignRow): Promise<void> {
  await campaignTables(db).insertInto('campaigns').values(row).execute();
}

/** A campaign of a workspace (scoped: another workspace's campaign is not found). */
export async function findCampaign(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<CampaignRow | undefined> {
  const row = await campaignTables(db)
    .selectFrom('campaigns')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, tps: Number(row.tps) };
}

/**
 * Moves a campaign from `from` to a new state with extra columns, atomically: returns false
 * when the campaign was no longer in `from` (another process moved it first).
 */
export async function updateCampaignState(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  from: string,
  changes: Partial<Omit<CampaignRow, 'id' | 'workspace_id'>> & {
    state: string;
    updated_at: string;
  },
): Promise<boolean> {
  const result = await campaignTables(db)
    .updateTable('campaigns')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Where a page of the campaign list starts: after this (created_at, id), newest first. */
export interface CampaignPageKey {
  readonly createdAt: string;
  readonly id: string;
}

/**
 * A page of the workspace's campaigns, newest first (created_at, then id, both descending, so
 * the keyset is total), optionally in one state. Ask for `limit + 1` to know whether more exist.
 */
export async function listCampaignPage(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; after?: CampaignPageKey | undefined; state?: string | undefined },
): Promise<CampaignRow[]> {
  let query = campaignTables(db)
    .selectFrom('campaigns')
    .selectAll()
    .where('workspace_id', '=', workspaceId);
  if (page.state !== undefined) query = query.where('state', '=', page.state);
  const after = page.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map((row) => ({ ...row, tps: Number(row.tps) }));
}

/** Message states in which the gateway has accepted the message (it left the platform). */
const sentStates: MessageState[] = ['submitted', 'delivered', 'undeliverable', 'expired'];

/**
 * Recipients (messages written at schedule time, seeds left out) and sent messages of some
 * campaigns of a workspace; a campaign without messages (a draft) is absent from the map.
 */
export async function countCampaignMessages(
  db: Kysely<Database>,
  workspaceId: string,
  campaignIds: readonly string[],
): Promise<Map<string, { recipients: number; sent: number }>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await messageTables(db)
    .selectFrom('messages')
    .select('campaign_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('recipients'),
      eb.fn.sum<number>(eb.case().when('state', 'in', sentStates).then(1).else(0).end()).as('sent'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', 'in', [...campaignIds])
    .where('seed', '=', 0)
    .groupBy('campaign_id')
    .execute();
  return new Map(
    rows.map((r) => [r.campaign_id, { recipients: Number(r.recipients), sent: Number(r.sent) }]),
  );
}

/** The campaigns of a workspace that may still send (draft to sending), with their text. */
export async function listOpenCampaignTexts(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<Array<{ id: string; name: string; state: string; template: string }>> {
  return campaignTables(db)
    .selectFrom('campaigns')
    .select(['id', 'name', 'state', 'template'])
    .where('workspace_id', '=', workspaceId)
    .where('state', 'in', ['draft', 'scheduled', 'sending', 'paused'])
    .orderBy('created_at')
    .execute();
}

/**
 * Pauses a sending campaign on the system's own decision (the dispatcher's re-check, the
 * opt-out guard) and logs why in the audit log; false when it was no longer sending.
 */
export async function pauseCampaignBySystem(
  db: Kysely<Database>,
  pause: {
    readonly workspaceId: string;
    readonly campaignId: string;
    readonly action: string;
    readonly details: Record<string, unknown>;
    readonly at: string;
  },
): Promise<boolean> {
  const done = await updateCampaignState(db, pause.workspaceId, pause.campaignId, 'sending', {
    state: 'paused',
    updated_at: pause.at,
  });
  if (!done) return false;
  await appendAuditEntry(db, {
    workspace_id: pause.workspaceId,
    actor_kind: 'system',
    actor_id: null,
    actor_label: null,
    action: pause.action,
    target_kind: 'campaign',
    target_id: pause.campaignId,
    at: pause.at,
    details: JSON.stringify(pause.details),
  });
  return true;
}
