import type { Config } from '../config.ts';
import type { MessageCheck } from '../core/message/check-message.ts';
import { checkApprovedSender } from '../core/preflight/check-approved-sender.ts';
import type { Store } from '../store/db.ts';
import { readSendingSettings } from '../store/workspace-settings.ts';
import { checkMessage } from './message.ts';

/**
 * The composer's message check inside a workspace: the workspace's STOP code replaces the
 * process one (a stopCode in the request still wins), and a sender outside the workspace's
 * approved names is refused (TX-SND-01), as the campaign preflight will.
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
  const unapproved = check.sender?.valid
    ? checkApprovedSender((input as { sender: string }).sender, sending.senders)
    : null;
  if (!unapproved) return check;
  return { ...check, violations: [...check.violations, unapproved], ok: false };
}
