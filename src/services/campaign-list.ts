import { type CampaignState, campaignStates } from '../core/campaign/campaign.ts';
import {
  type CampaignPageKey,
  countCampaignMessages,
  listCampaignPage,
} from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { resolveWorkspace } from './workspaces.ts';

export type { CampaignPageKey };
export { campaignStates };

/** One line of the campaign list: what a marketer scans before opening a campaign. */
export interface CampaignListItem {
  readonly id: string;
  readonly name: string;
  readonly state: CampaignState;
  readonly sender: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When sending may start (the campaign's schedule). */
  readonly start: string;
  /** When it was scheduled; null for a draft. */
  readonly scheduledAt: string | null;
  /** Recipients with a message written (known once scheduled; null if it never was). */
  readonly recipients: number | null;
  /** Messages the gateway accepted (null before scheduling). */
  readonly sent: number | null;
}

/**
 * The workspace's campaigns, newest first, `limit` of them after the key `after`, in one state
 * when `state` is given. Counts come from the messages table in one grouped query per page.
 */
export async function listCampaigns(
  store: Store,
  request: {
    readonly workspace: string;
    readonly limit: number;
    readonly after?: CampaignPageKey | undefined;
    readonly state?: CampaignState | undefined;
  },
): Promise<CampaignListItem[]> {
  const ws = await resolveWorkspace(store, request.workspace);
  const rows = await listCampaignPage(store.db, ws.id, request);
  const counts = await countCampaignMessages(
    store.db,
    ws.id,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const count = counts.get(row.id);
    const written = row.scheduled_at !== null;
    return {
      id: row.id,
      name: row.name,
      state: row.state as CampaignState,
      sender: row.sender,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      start: row.start_at,
      scheduledAt: row.scheduled_at,
      recipients: written ? (count?.recipients ?? 0) : null,
      sent: written ? (count?.sent ?? 0) : null,
    };
  });
}
