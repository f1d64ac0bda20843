import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { maskPhone } from '../core/audience/mask-phone.ts';
import { DomainError } from '../core/domain-error.ts';
import { findContactByPhone } from '../store/contacts.ts';
import type { Store } from '../store/db.ts';
import {
  type DeliveryRow,
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listActiveWebhooks,
  listChangedCampaignStates,
  listDeliveries,
  listDueDeliveries,
  listMessagesUpdatedSince,
  listRepliesAfter,
  listWebhooks,
  queueDelivery,
  readCursor,
  recordAttempt,
  rememberCampaignState,
  type WebhookRow,
  writeCursor,
} from '../store/webhooks.ts';
import { signWebhook, webhookHeaders } from '../transports/sign-webhook.ts';
import type { Principal } from './accounts.ts';
import { recordAudit } from './audit.ts';

export type { DeliveryRow, WebhookRow };

/** What a workspace can subscribe to. */
export const webhookEvents = [
  'message.status',
  'reply.received',
  'reply.stop',
  'campaign.state',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const webhookRequest = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    // Credentials in the URL would be shown to every member who lists the webhooks; the
    // signature (X-Texto-Signature) is what authenticates the calls.
    .refine((u) => {
      const url = new URL(u);
      return url.username === '' && url.password === '';
    }, 'a webhook URL carries no user or password: the signature authenticates the calls')
    .describe('http(s) URL the events are POSTed to'),
  events: z
    .array(z.enum(webhookEvents))
    .min(1)
    .default([...webhookEvents]),
});

export function viewWebhook(row: WebhookRow) {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

export function viewDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event_type,
    eventKey: row.event_key,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

/** Creates an endpoint; its signing secret is returned once, here only. */
export async function createWebhook(
  store: Store,
  workspaceId: string,
  input: z.input<typeof webhookRequest>,
  actor: Principal,
  now: Date,
) {
  const parsed = webhookRequest.parse(input);
  const row: WebhookRow = {
    id: `wh_${now.getTime().toString(36)}${randomBytes(5).toString('hex')}`,
    workspace_id: workspaceId,
    url: parsed.url,
    events: JSON.stringify([...new Set(parsed.events)]),
    secret: `whsec_${randomBytes(24).toString('base64url')}`,
    active: 1,
    created_at: now.toISOString(),
  };
  await insertWebhook(store.db, row);
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'webhook.create',
      target: { kind: 'webhook', id: row.id },
      details: { url: redactUrl(row.url), events: parsed.events },
    },
    now,
  );
  return { webhook: viewWebhook(row), secret: row.secret };
}

/** The URL without userinfo or query (they may carry tokens). */
function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

export async function listWorkspaceWebhooks(
  store: Store,
  workspaceId: string,
  page: { limit: number; after?: string | undefined },
) {
  return listWebhooks(store.db, workspaceId, page);
}

export async function removeWebhook(
  store: Store,
  workspaceId: string,
  id: string,
  actor: Principal,
  now: Date,
) {
  if (!(await findWebhook(store.db, workspaceId, id))) {
    throw new DomainError('not_found', `no webhook '${id}' in this workspace`);
  }
  await deleteWebhook(store.db, workspaceId, id);
  await recordAudit(
    store,
    { workspaceId, actor, action: 'webhook.delete', target: { kind: 'webhook', id } },
    now,
  );
}

export async function listWebhookDeliveries(
  store: Store,
  workspaceId: string,
  page: { limit: number; before?: number | undefined; webhookId?: string | undefined },
) {
  return listDeliveries(store.db, workspaceId, page);
}

interface Event {
  readonly workspaceId: string;
  readonly type: WebhookEvent;
  readonly key: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

/** A number the workspace may see: its own contact's; anything else (a rental) masked. */
async function shownPhone(store: Store, workspaceId: string, phone: string): Promise<string> {
  return (await findContactByPhone(store.db, workspaceId, phone)) ? phone : maskPhone(phone);
}

/**
 * Turns what changed since the last scan (receipts, replies, campaign states) into queued
 * deliveries for the endpoints listening. Idempotent: each event has a key, queued once.
 */
export async function collectWebhookEvents(store: Store, now: Date): Promise<number> {
  const hooks = await listActiveWebhooks(store.db);
  const byWorkspace = new Map<string, WebhookRow[]>();
  for (const h of hooks)
    byWorkspace.set(h.workspace_id, [...(byWorkspace.get(h.workspace_id) ?? []), h]);
  const events: Event[] = [];
  const since = (await readCursor(store.db, 'messages')) ?? '';
  const messages = await listMessagesUpdatedSince(store.db, since, 20_000);
  for (const m of messages) {
    if (!byWorkspace.has(m.workspace_id)) continue;
    events.push({
      workspaceId: m.workspace_id,
      type: 'message.status',
      key: `status:${m.id}:${m.state}`,
      at: m.updated_at,
      data: {
        messageId: m.id,
        campaignId: m.campaign_id,
        to: m.masked ? maskPhone(m.phone) : await shownPhone(store, m.workspace_id, m.phone),
        status: m.state,
        errorCode: m.error_code,
      },
    });
  }
  const afterReply = Number((await readCursor(store.db, 'replies')) ?? '0');
  const replies = await listRepliesAfter(store.db, afterReply, 5000);
  for (const r of replies) {
    if (!r.workspace_id || !byWorkspace.has(r.workspace_id)) continue;
    const stop = r.interpretation === 'stop' || r.interpretation === 'probable_stop';
    events.push({
      workspaceId: r.workspace_id,
      type: stop ? 'reply.stop' : 'reply.received',
      key: `reply:${r.id}`,
      at: r.received_at,
      data: {
        replyId: r.id,
        campaignId: r.campaign_id,
        from: await shownPhone(store, r.workspace_id, r.phone),
        text: r.text,
        interpretation: r.interpretation,
        action: r.action,
      },
    });
  }
  const campaigns = await listChangedCampaignStates(store.db);
  for (const c of campaigns) {
    if (byWorkspace.has(c.workspace_id)) {
      events.push({
        workspaceId: c.workspace_id,
        type: 'campaign.state',
        key: `campaign:${c.id}:${c.state}:${c.updated_at}`,
        at: c.updated_at,
        data: { campaignId: c.id, state: c.state },
      });
    }
  }
  let queued = 0;
  const at = now.toISOString();
  for (const e of events) {
    for (const hook of byWorkspace.get(e.workspaceId) ?? []) {
      if (!(JSON.parse(hook.events) as string[]).includes(e.type)) continue;
      const payload = JSON.stringify({ id: e.key, type: e.type, at: e.at, data: e.data });
      await queueDelivery(
        store.db,
        {
          webhook_id: hook.id,
          workspace_id: e.workspaceId,
          event_key: e.key,
          event_type: e.type,
          payload,
        },
        at,
      );
      queued += 1;
    }
  }
  for (const c of campaigns) await rememberCampaignState(store.db, c.id, c.state);
  const lastMessage = messages.at(-1);
  if (lastMessage) await writeCursor(store.db, 'messages', lastMessage.updated_at);
  const lastReply = replies.at(-1);
  if (lastReply) await writeCursor(store.db, 'replies', String(lastReply.id));
  return queued;
}

/** Seconds before attempt n+1 after n failures; after the last one the delivery is failed. */
export const defaultBackoffSeconds = [10, 30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600] as const;

export interface DeliverOptions {
  readonly backoffSeconds?: readonly number[];
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** POSTs every due delivery once (signed), recording the attempt and the next one. */
export async function deliverDueWebhooks(
  store: Store,
  now: Date,
  options: DeliverOptions = {},
): Promise<{ delivered: number; retried: number; failed: number }> {
  const backoff = options.backoffSeconds ?? defaultBackoffSeconds;
  const post = options.fetch ?? fetch;
  const due = await listDueDeliveries(store.db, now.toISOString(), 200);
  const tally = { delivered: 0, retried: 0, failed: 0 };
  const secrets = new Map<string, WebhookRow | undefined>();
  for (const d of due) {
    if (!secrets.has(d.webhook_id)) {
      secrets.set(d.webhook_id, await findWebhook(store.db, d.workspace_id, d.webhook_id));
    }
    const hook = secrets.get(d.webhook_id);
    let status: number | null = null;
    let error: string | null = null;
    if (!hook) error = 'webhook deleted';
    else {
      const timestamp = Math.floor(now.getTime() / 1000);
      try {
        const res = await post(hook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Texto-Webhooks/1',
            [webhookHeaders.timestamp]: String(timestamp),
            [webhookHeaders.signature]: signWebhook(hook.secret, timestamp, d.payload),
            'x-texto-event': d.event_type,
            'x-texto-delivery': String(d.id),
          },
          body: d.payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        status = res.status;
        await res.body?.cancel();
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (e) {
        error = e instanceof Error ? e.message.slice(0, 200) : 'request failed';
      }
    }
    const attempt = d.attempts + 1;
    const ok = error === null;
    const last = !ok && (attempt > backoff.length || !hook);
    const wait = ok || last ? 0 : (backoff[attempt - 1] ?? 0);
    await recordAttempt(store.db, d.id, {
      state: ok ? 'delivered' : last ? 'failed' : 'pending',
      next_attempt_at: new Date(now.getTime() + wait * 1000).toISOString(),
      last_status: status,
      last_error: error,
      delivered_at: ok ? now.toISOString() : null,
    });
    if (ok) tally.delivered += 1;
    else if (last) tally.failed += 1;
    else tally.retried += 1;
  }
  return tally;
}

/** The webhook worker: collect events and deliver, every `intervalMs`, until stopped. */
export function startWebhookWorker(
  store: Store,
  options: DeliverOptions & {
    intervalMs?: number;
    clock?: () => Date;
    log?: (l: string) => void;
  } = {},
): { stop(): Promise<void> } {
  const clock = options.clock ?? (() => new Date());
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = (async () => {
      try {
        await collectWebhookEvents(store, clock());
        await deliverDueWebhooks(store, clock(), options);
      } catch (error) {
        options.log?.(`webhooks: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1000);
    })();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
