import { DomainError } from '../core/domain-error.ts';
import type { Store } from '../store/db.ts';
import { readMarketSettings, writeMarketSettings } from '../store/market-settings.ts';
import type { Principal } from './accounts.ts';
import { recordAudit } from './audit.ts';

export interface WorkspaceSettings {
  /** LIST-03: the source-and-rights token a first message to list contacts must carry. */
  readonly rightsMention: string | null;
  /** LIST-01 strict: campaigns on lists that do not name this workspace are blocked. */
  readonly strictPartners: boolean;
}

export async function readWorkspaceSettings(
  store: Store,
  workspaceId: string,
): Promise<WorkspaceSettings> {
  const s = await readMarketSettings(store.db, workspaceId);
  return { rightsMention: s.rightsMention, strictPartners: s.list01Strict };
}

/** Changes the marketplace settings of a workspace (audited). */
export async function changeWorkspaceSettings(
  store: Store,
  actor: Principal | null,
  workspaceId: string,
  change: { rightsMention?: string | null | undefined; strictPartners?: boolean | undefined },
  now: Date,
): Promise<WorkspaceSettings> {
  const mention = change.rightsMention === null ? null : change.rightsMention?.trim();
  if (mention !== undefined && mention !== null && (mention.length === 0 || mention.length > 60)) {
    throw new DomainError('invalid_input', 'rightsMention: 1 to 60 characters (or null to remove)');
  }
  await writeMarketSettings(store.db, workspaceId, {
    ...(mention !== undefined ? { rightsMention: mention } : {}),
    ...(change.strictPartners !== undefined ? { list01Strict: change.strictPartners } : {}),
  });
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'workspace.settings',
      details: {
        ...(mention !== undefined ? { rightsMention: mention } : {}),
        ...(change.strictPartners !== undefined ? { strictPartners: change.strictPartners } : {}),
      },
    },
    now,
  );
  return readWorkspaceSettings(store, workspaceId);
}
