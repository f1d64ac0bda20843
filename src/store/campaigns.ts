import type { Kysely, Selectable } from 'kysely';
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

/** Ids of the workspace's campaigns, newest first. */
export async function listCampaigns(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<CampaignRow[]> {
  return campaignTables(db)
    .selectFrom('campaigns')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}
