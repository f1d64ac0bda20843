import type { Recipient, ResolvedRecipient } from './recipient.ts';
import { resolveRecipient } from './recipient.ts';
import { findSendingWindow, type SendingWindow } from './sending-window.ts';
import { parseWindowPolicy, type WindowPolicy } from './window-policy.ts';

export type RecipientWindow =
  | {
      readonly ok: true;
      readonly resolved: Extract<ResolvedRecipient, { ok: true }>;
      readonly policy: WindowPolicy;
      readonly window: SendingWindow;
    }
  | { readonly ok: false; readonly resolved: Extract<ResolvedRecipient, { ok: false }> };

const last = new WeakMap<Recipient, { spec: string | undefined; window: RecipientWindow }>();

/**
 * The recipient's sending window under a policy spec (default: its pack's default policy),
 * remembered on the recipient for the last spec asked (a plan asks the same one repeatedly).
 */
export function findRecipientWindow(recipient: Recipient, policySpec?: string): RecipientWindow {
  const cached = last.get(recipient);
  if (cached && cached.spec === policySpec) return cached.window;
  const window = computeRecipientWindow(recipient, policySpec);
  last.set(recipient, { spec: policySpec, window });
  return window;
}

function computeRecipientWindow(recipient: Recipient, policySpec?: string): RecipientWindow {
  const resolved = resolveRecipient(recipient);
  if (!resolved.ok) return { ok: false, resolved };
  const policy = parseWindowPolicy(policySpec, resolved.pack);
  const window = findSendingWindow(
    resolved.pack,
    resolved.zones,
    resolved.holidayZones,
    policy.layer,
    policy.spec,
  );
  return { ok: true, resolved, policy, window };
}
