import { departmentOfPostalCode } from '../core/rules/department-of-postal-code.ts';
import { isSendable } from '../core/rules/is-sendable.ts';
import type { Recipient } from '../core/rules/recipient.ts';
import type { HandOffFacts } from '../store/hand-off-facts.ts';
import type { ClaimedMessage } from '../store/message-queue.ts';
import { createPhoneClassCache, type PhoneClassCache } from './phone-class-cache.ts';

/** Shared by the dispatchers of the process: a number's class does not depend on who sends. */
const processPhoneClasses = createPhoneClassCache();
const openWindows = new WeakMap<Recipient, { policy: string; from: number; until: number }>();

/** What the dispatcher does with a claimed message at hand-off. */
export type HandOffDecision =
  | { readonly action: 'send'; readonly validUntil: number; readonly sender: string }
  /** The recipient's window is closed now: back to planned at its next opening. */
  | { readonly action: 'replan'; readonly at: number }
  /** Campaign paused (or not live): back to planned, untouched. */
  | { readonly action: 'release' }
  /**
   * The campaign must not go on as it is (its STOP code is no longer the workspace's): back to
   * planned, and the campaign paused until its text is fixed.
   */
  | {
      readonly action: 'hold';
      readonly code: 'stop_code_changed';
      readonly change: { readonly mentioned: string; readonly expected: string };
    }
  | {
      readonly action: 'cancel';
      readonly code: 'stop' | 'campaign_cancelled' | 'consent_withdrawn';
    }
  | { readonly action: 'refuse'; readonly code: string };

/**
 * The re-check at hand-off (issue 8): campaign state and STOP code, suppression (STOP), licence, consent and
 * the recipient's window in local time with holidays, at `now`. Representative recipients are
 * kept in `recipients` (same territories and département → same window); a number is parsed
 * once per process (`phones`), not at each message to it.
 */
export function judgeHandOff(
  message: ClaimedMessage,
  facts: HandOffFacts,
  now: number,
  recipients: Map<string, Recipient>,
  phones: PhoneClassCache = processPhoneClasses,
): HandOffDecision {
  const campaign = facts.campaigns.get(message.campaignId);
  if (!campaign || campaign.state === 'cancelled' || campaign.state === 'completed') {
    return { action: 'cancel', code: 'campaign_cancelled' };
  }
  if (campaign.state !== 'sending' && campaign.state !== 'scheduled') return { action: 'release' };
  if (campaign.stopCodeChange !== null) {
    return { action: 'hold', code: 'stop_code_changed', change: campaign.stopCodeChange };
  }
  if (facts.suppressed.has(`${message.workspaceId}|${message.phone}`)) {
    return { action: 'cancel', code: 'stop' };
  }
  if (message.licenceId !== null) {
    const licence = facts.licences.get(message.licenceId);
    if (!licence) return { action: 'refuse', code: 'licence_missing' };
    if (licence.type === 'rental' && licence.campaignId !== message.campaignId) {
      return { action: 'refuse', code: 'licence_not_for_campaign' };
    }
  }
  const contact = message.contactId === null ? undefined : facts.contacts.get(message.contactId);
  if (!message.seed) {
    if (!contact) return { action: 'refuse', code: 'contact_missing' };
    if (contact.consentStatus === 'withdrawn')
      return { action: 'cancel', code: 'consent_withdrawn' };
    if (contact.consentStatus !== 'granted') return { action: 'refuse', code: 'consent_missing' };
    if (contact.consentValidUntil !== null && Date.parse(contact.consentValidUntil) <= now) {
      return { action: 'refuse', code: 'consent_expired' };
    }
  }
  const recipient = representative(message.phone, contact, recipients, phones);
  if (!recipient) return { action: 'refuse', code: 'window:invalid-number' };
  // An open window stays open until its end: one full check per recipient class and window.
  const open = openWindows.get(recipient);
  if (open && open.policy === campaign.policy && open.from <= now && now < open.until) {
    return { action: 'send', validUntil: open.until, sender: campaign.sender };
  }
  let verdict: ReturnType<typeof isSendable>;
  try {
    verdict = isSendable(recipient, now, campaign.policy);
  } catch {
    // A stored département or policy the window engine refuses: never send on a guess.
    return { action: 'refuse', code: 'window:invalid-recipient' };
  }
  if (verdict.allowed && verdict.windowEndsAt !== undefined) {
    openWindows.set(recipient, { policy: campaign.policy, from: now, until: verdict.windowEndsAt });
  }
  if (verdict.allowed && verdict.windowEndsAt !== undefined) {
    return { action: 'send', validUntil: verdict.windowEndsAt, sender: campaign.sender };
  }
  if (verdict.nextAllowedAt === null) return { action: 'refuse', code: `window:${verdict.reason}` };
  return { action: 'replan', at: verdict.nextAllowedAt };
}

function representative(
  phone: string,
  contact: { department: string | null; postalCode: string | null } | undefined,
  recipients: Map<string, Recipient>,
  phones: PhoneClassCache,
): Recipient | null {
  const found = phones.classOf(phone);
  if (!found) return null;
  const department =
    contact?.department ??
    (contact?.postalCode ? departmentOfPostalCode(contact.postalCode) : null) ??
    undefined;
  const key = `${found.key}|${department ?? ''}`;
  let recipient = recipients.get(key);
  if (!recipient) {
    recipient =
      department === undefined ? { number: found.number } : { number: found.number, department };
    recipients.set(key, recipient);
  }
  return recipient;
}
