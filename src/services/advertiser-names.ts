import type { AdvertiserNames } from '../core/preflight/check-advertiser-named.ts';
import { defaultWorkspaceName } from '../store/workspaces.ts';

/**
 * Whom a workspace's messages are sent for (FR-MSG-01): its name, legal name and approved
 * senders. Unknown for the workspace created on first run while it keeps its placeholder name
 * and no legal name or sender was set: the check would only ask every message to say "default".
 */
export function advertiserOf(
  workspace: { readonly name: string; readonly legal_name: string | null } | undefined,
  senders: readonly string[],
): AdvertiserNames | undefined {
  if (!workspace) return undefined;
  const placeholder = workspace.name === defaultWorkspaceName && workspace.legal_name === null;
  if (placeholder && senders.length === 0) return undefined;
  return { name: placeholder ? '' : workspace.name, legalName: workspace.legal_name, senders };
}
