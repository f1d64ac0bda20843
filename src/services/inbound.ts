import { maskPhone } from '../core/audience/mask-phone.ts';
import { isDomainError } from '../core/domain-error.ts';
import { attributeReply, shortCodeOf } from '../core/inbound/attribute-reply.ts';
import { classifyReply, type ReplyInterpretation } from '../core/inbound/classify-reply.ts';
import { findCampaign } from '../store/campaigns.ts';
import { findContactByPhone } from '../store/contacts.ts';
import type { Store } from '../store/db.ts';
import {
  findMessagesTo,
  findWorkspacesByStopCode,
  insertInboundMessage,
  listInboundMessages,
} from '../store/inbound-messages.ts';
import { findLicence } from '../store/licences.ts';
import { cancelPendingForPhone } from '../store/message-queue.ts';
import { insertSuppression } from '../store/suppressions.ts';
import { recordInteraction, recordOptOut } from './consent.ts';
import { recordStopForRental } from './licences.ts';
import { passObjectionOn } from './objections.ts';
import type { OptOutWatch } from './opt-out-watch.ts';
import { resolveWorkspace } from './workspaces.ts';

export interface Reply {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly at: Date;
  readonly gatewayId?: string | undefined;
}

export interface ReplyOutcome {
  readonly interpretation: ReplyInterpretation;
  readonly action: string;
  readonly cancelled: number;
  /** Its campaign was paused for drawing too many opt-outs (FR-SND-04). */
  readonly pausedCampaign?: true;
}

/** What a reply's handling needs from the process: the opt-out guard, the server's STOP code. */
export interface ReplyOptions {
  readonly optOutWatch?: OptOutWatch | undefined;
  readonly stopCode?: string | undefined;
}

/**
 * A reply (MO) from a recipient (issue 8, rules.md OPT-01/OPT-02): matched to the message it
 * answers (`attributeReply`: by the short code it was sent to, then the latest message). STOP
 * and its variants suppress the number for that workspace at once (withdrawal in the consent
 * ledger; a rental's STOP is reported to the provider) and cancel its pending messages; a
 * probable opt-out suppresses it pending review; START/UNSTOP is recorded only (a new recorded
 * opt-in lifts a STOP). A STOP to a workspace's own short code from a number it never messaged
 * still suppresses it there. Every reply but a probable opt-out counts as an interaction.
 */
export async function handleReply(
  store: Store,
  reply: Reply,
  now: Date,
  options: ReplyOptions = {},
): Promise<ReplyOutcome> {
  const interpretation = classifyReply(reply.text);
  const optedOut = interpretation === 'stop' || interpretation === 'probable_stop';
  const at = now.toISOString();
  const answered = attributeReply(
    await findMessagesTo(store.db, reply.from),
    reply.to,
    options.stopCode,
  );
  const ws = answered?.workspaceId ?? (optedOut ? await ownerOfShortCode(store, reply.to) : null);
  let action = 'recorded';
  let cancelled = 0;
  if (ws === null) action = 'no_campaign_found';
  else {
    const licenceId = answered?.licenceId ?? null;
    const rental = licenceId !== null && (await isRental(store, licenceId, ws));
    if (interpretation === 'probable_stop') {
      await insertSuppression(
        store.db,
        ws,
        {
          phone: reply.from,
          reason: 'manual',
          origin: 'reply:probable_stop',
          note: `probable opt-out reply, pending review: ${reply.text.slice(0, 160)}`,
        },
        now,
      );
      action = 'suppressed_pending_review';
    } else if (interpretation === 'stop') {
      if (rental && licenceId && (await reportRentalStop(store, licenceId, reply.from, now))) {
        action = 'suppressed_and_reported_to_provider';
      } else {
        await recordOptOut(store, ws, reply.from, { origin: 'reply:stop', now, reason: 'stop' });
        const passed = await passObjectionOn(store.db, ws, reply.from, now);
        action =
          passed.owner !== null && passed.owner !== ws
            ? 'suppressed_and_reported_to_provider'
            : 'suppressed';
      }
    } else if (interpretation === 'start') {
      action = 'recorded_needs_opt_in';
    }
    if (optedOut) cancelled = await cancelPendingForPhone(store.db, ws, reply.from, at);
    // A probable opt-out leaves the consent as it was, pending review: counted as an
    // interaction, it would have renewed the consent its sender asked to end.
    if (!rental && interpretation !== 'probable_stop') {
      await recordInteraction(store, ws, reply.from, reply.at, now);
    }
  }
  await insertInboundMessage(
    store.db,
    {
      workspaceId: ws,
      campaignId: answered?.campaignId ?? null,
      messageId: answered?.id ?? null,
      phone: reply.from,
      recipient: reply.to,
      text: reply.text,
      interpretation,
      action,
      gatewayId: reply.gatewayId ?? null,
      receivedAt: reply.at.toISOString(),
    },
    at,
  );
  const paused =
    optedOut && answered && options.optOutWatch
      ? await options.optOutWatch(answered.workspaceId, answered.campaignId, now)
      : false;
  return { interpretation, action, cancelled, ...(paused ? { pausedCampaign: true } : {}) };
}

/** The one workspace whose own settings name the short code a reply was sent to, or null. */
async function ownerOfShortCode(store: Store, to: string): Promise<string | null> {
  const code = shortCodeOf(to);
  if (code === null) return null;
  const owners = await findWorkspacesByStopCode(store.db, code);
  return owners.length === 1 ? owners[0]! : null;
}

/** A rental recipient's STOP (LIST-04): suppressed for the renter and reported to the provider. */
async function reportRentalStop(
  store: Store,
  licenceId: string,
  phone: string,
  now: Date,
): Promise<boolean> {
  try {
    await recordStopForRental(store, { licenceId, phone }, now);
    return true;
  } catch (error) {
    // Not (or no longer) a recipient of that rental: an ordinary STOP for the workspace.
    if (isDomainError(error)) return false;
    throw error;
  }
}

async function isRental(store: Store, licenceId: string, workspaceId: string): Promise<boolean> {
  const licence = await findLicence(store.db, workspaceId, licenceId);
  return licence?.type === 'rental';
}

export interface InboundView {
  readonly id: number;
  readonly receivedAt: string;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly interpretation: string;
  readonly action: string;
  readonly campaign: string | null;
  /** The campaign's name, as the marketer knows it. */
  readonly campaignName: string | null;
}

/** A workspace's replies, newest first; a rented recipient's number stays masked (LIST-05). */
export async function listReplies(
  store: Store,
  request: { workspace?: string | undefined; limit?: number },
): Promise<InboundView[]> {
  const ws = await resolveWorkspace(store, request.workspace);
  const rows = await listInboundMessages(store.db, ws.id, request.limit ?? 100);
  const out: InboundView[] = [];
  const names = new Map<string, string | null>();
  for (const r of rows) {
    const own = await findContactByPhone(store.db, ws.id, r.phone);
    if (r.campaignId && !names.has(r.campaignId)) {
      names.set(r.campaignId, (await findCampaign(store.db, ws.id, r.campaignId))?.name ?? null);
    }
    out.push({
      id: r.id,
      receivedAt: r.receivedAt,
      from: own ? r.phone : maskPhone(r.phone),
      to: r.recipient,
      text: r.text,
      interpretation: r.interpretation,
      action: r.action,
      campaign: r.campaignId,
      campaignName: r.campaignId ? (names.get(r.campaignId) ?? null) : null,
    });
  }
  return out;
}
