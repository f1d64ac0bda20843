import type { Recipient } from './recipient.ts';
import { findRecipientWindow } from './recipient-window.ts';

/**
 * The first instant at or after `instant` (epoch ms) at which isSendable allows the recipient;
 * null when the recipient can never receive (invalid number, no rule pack) or no window opens
 * within the search horizon.
 */
export function nextSendableAt(
  recipient: Recipient,
  instant: number,
  policy?: string,
): number | null {
  const rw = findRecipientWindow(recipient, policy);
  return rw.ok ? rw.window.nextAllowed(instant) : null;
}
