import type { Recipient } from './recipient.ts';
import { findRecipientWindow } from './recipient-window.ts';

/**
 * End (epoch ms, exclusive) of the window the recipient is in at `instant`, null when the
 * instant is not sendable. Used as the SMPP validity_period so a gateway never delivers late.
 */
export function currentWindowEnd(
  recipient: Recipient,
  instant: number,
  policy?: string,
): number | null {
  const rw = findRecipientWindow(recipient, policy);
  if (!rw.ok || rw.window.nextAllowed(instant) !== instant) return null;
  return rw.window.windowEnd(instant);
}
