import type { Config } from '../config.ts';
import type { MessageCheck } from '../core/message/check-message.ts';
import type { Violation } from '../core/message/violation.ts';
import { checkAdvertiserNamed } from '../core/preflight/check-advertiser-named.ts';
import { checkApprovedSender } from '../core/preflight/check-approved-sender.ts';
import type { Store } from '../store/db.ts';
import { readSendingSettings } from '../store/workspace-settings.ts';
import { findWorkspace } from '../store/workspaces.ts';
import { advertiserOf } from './advertiser-names.ts';
import { checkMessage } from './message.ts';

/**
 * The composer's message check inside a workspace: the workspace's STOP code replaces the
 * process one (a stopCode in the request still wins), and a sender outside the workspace's
 * approved names is refused (TX-SND-01), and a promotional message that names neither by its
 * sender nor its text whom it is sent for is warned (FR-MSG-01), as the campaign preflight will.
 */
export async function checkWorkspaceMessage(
  store: Store,
  config: Config,
  workspaceId: string,
  input: unknown,
): Promise<MessageCheck> {
  const sending = await readSendingSettings(store.db, workspaceId);
  const check = checkMessage({ ...config, stopCode: sending.stopCode ?? config.stopCode }, input);
  // A checked sender means the request was valid and named one.
  if (!check.sender?.valid) return check;
  const { sender, purpose } = input as { sender: string; purpose?: string };
  const added: Violation[] = [];
  const unapproved = checkApprovedSender(sender, sending.senders);
  if (unapproved) added.push(unapproved);
  const advertiser = advertiserOf(await findWorkspace(store.db, workspaceId), sending.senders);
  const hidden =
    advertiser && (purpose ?? 'promotional') === 'promotional'
      ? checkAdvertiserNamed(sender, check.text, advertiser)
      : null;
  if (hidden) added.push(hidden);
  if (added.length === 0) return check;
  return { ...check, violations: [...check.violations, ...added], ok: check.ok && !unapproved };
}
