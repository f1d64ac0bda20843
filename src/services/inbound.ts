import { maskPhone } from '../core/audience/mask-phone.ts';
import { isDomainError } from '../core/domain-error.ts';
import { classifyReply, type ReplyInterpretation } from '../core/inbound/classify-reply.ts';
import { findContactByPhone } from '../store/contacts.ts';
import type { Store } from '../store/db.ts';
import {
  findLatestMessageTo,
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

/**
 * A reply (MO) from a recipient (issue 8, rules.md OPT-01/OPT-02): matched to the campaign
 * that last messaged the number. STOP and its variants suppress the number for that workspace
 * at once (withdrawal in the consent ledger; a rental's STOP is reported to the provider) and
 * cancel its pending messages; a probable opt-out suppresses it pending review; START/UNSTOP is
 * recorded only (a new recorded opt-in lifts a STOP). Every reply counts as an interaction.
 */
export async function handleReply(
  store: Store,
  reply: Reply,
  now: Date,
  optOutWatch?: OptOutWatch,
): Promise<ReplyOutcome> {
  const interpretation = classifyReply(reply.text);
  const at = now.toISOString();
  const latest = await findLatestMessageTo(store.db, reply.from);
  let action = 'recorded';
  let cancelled = 0;
  if (!latest) action = 'no_campaign_found';
  else {
    const ws = latest.workspaceId;
    const rental = latest.licenceId !== null && (await isRental(store, latest.licenceId, ws));
    if (interpretation === 'stop' || interpretation === 'probable_stop') {
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
      } else if (
        rental &&
        latest.licenceId &&
        (await reportRentalStop(store, latest.licenceId, reply.from, now))
      ) {
        action = 'suppressed_and_reported_to_provider';
      } else {
        await recordOptOut(store, ws, reply.from, { origin: 'reply:stop', now, reason: 'stop' });
        const passed = await passObjectionOn(store.db, ws, reply.from, now);
        action =
          passed.owner !== null && passed.owner !== ws
            ? 'suppressed_and_reported_to_provider'
            : 'suppressed';
      }
      cancelled = await cancelPendingForPhone(store.db, ws, reply.from, at);
    } else if (interpretation === 'start') {
      action = 'recorded_needs_opt_in';
    }
    if (!rental) await recordInteraction(store, ws, reply.from, reply.at, now);
  }
  await insertInboundMessage(
    store.db,
    {
      workspaceId: latest?.workspaceId ?? null,
      campaignId: latest?.campaignId ?? null,
      messageId: latest?.id ?? null,
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
  const optedOut = interpretation === 'stop' || interpretation === 'probable_stop';
  const paused =
    optedOut && latest?.campaignId && optOutWatch
      ? await optOutWatch(latest.workspaceId, latest.campaignId, now)
      : false;
  return { interpretation, action, cancelled, ...(paused ? { pausedCampaign: true } : {}) };
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
}

/** A workspace's replies, newest first; a rented recipient's number stays masked (LIST-05). */
export async function listReplies(
  store: Store,
  request: { workspace?: string | undefined; limit?: number },
): Promise<InboundView[]> {
  const ws = await resolveWorkspace(store, request.workspace);
  const rows = await listInboundMessages(store.db, ws.id, request.limit ?? 100);
  const out: InboundView[] = [];
  for (const r of rows) {
    const own = await findContactByPhone(store.db, ws.id, r.phone);
    out.push({
      id: r.id,
      receivedAt: r.receivedAt,
      from: own ? r.phone : maskPhone(r.phone),
      to: r.recipient,
      text: r.text,
      interpretation: r.interpretation,
      action: r.action,
      campaign: r.campaignId,
    });
  }
  return out;
}
