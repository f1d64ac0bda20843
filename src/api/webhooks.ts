import { z } from 'zod';
import {
  createWebhook as createWorkspaceWebhook,
  listWebhookDeliveries,
  listWorkspaceWebhooks,
  removeWebhook,
  viewDelivery,
  viewWebhook,
  webhookEvents,
  webhookRequest,
} from '../services/webhooks.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

const webhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(webhookEvents)),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });

const deliveryView = z
  .object({
    id: z.number(),
    webhookId: z.string(),
    event: z.string(),
    eventKey: z.string(),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastStatus: z.number().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const listWebhooks = defineOperation({
  summary: "The workspace's webhook endpoints",
  tag: 'webhooks',
  auth: 'workspace',
  permission: { resource: 'webhook', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(webhookView),
  async handle(input) {
    const { limit, cursor } = input.query;
    const rows = await listWorkspaceWebhooks(input.deps.store, accessOf(input).workspace.id, {
      limit: limit + 1,
      after: readCursor(cursor, z.string()),
    });
    return pageOf(rows, limit, (w) => w.id, viewWebhook);
  },
});

export const createWebhook = defineOperation({
  summary: 'Add an endpoint; the signing secret is in this answer only',
  description:
    'Events are POSTed as JSON `{ id, type, at, data }` with `X-Texto-Timestamp` (Unix ' +
    'seconds) and `X-Texto-Signature: v1=<hex HMAC-SHA256 of "timestamp.body">`; retried with ' +
    'backoff (10 s … 6 h, 9 attempts) until a 2xx. Numbers of rented recipients are masked.',
  tag: 'webhooks',
  auth: 'workspace',
  permission: { resource: 'webhook', action: 'create' },
  params: workspaceParams,
  body: webhookRequest,
  response: z.object({ webhook: webhookView, secret: z.string() }),
  status: 201,
  async handle(input) {
    return createWorkspaceWebhook(
      input.deps.store,
      accessOf(input).workspace.id,
      input.body,
      principalOf(input),
      input.now,
    );
  },
});

export const deleteWebhook = defineOperation({
  summary: 'Remove an endpoint (its pending deliveries fail)',
  tag: 'webhooks',
  auth: 'workspace',
  permission: { resource: 'webhook', action: 'delete' },
  params: workspaceParams.extend({ webhookId: z.string().min(1).max(100) }),
  response: z.object({ deleted: z.literal(true), id: z.string() }),
  async handle(input) {
    await removeWebhook(
      input.deps.store,
      accessOf(input).workspace.id,
      input.params.webhookId,
      principalOf(input),
      input.now,
    );
    return { deleted: true as const, id: input.params.webhookId };
  },
});

export const listDeliveries = defineOperation({
  summary: 'The delivery log: every event sent to an endpoint, attempts and last answer',
  tag: 'webhooks',
  auth: 'workspace',
  permission: { resource: 'webhook', action: 'read' },
  params: workspaceParams,
  query: pageQuery.extend({ webhookId: z.string().max(100).optional() }),
  response: paginated(deliveryView),
  async handle(input) {
    const { limit, cursor, webhookId } = input.query;
    const rows = await listWebhookDeliveries(input.deps.store, accessOf(input).workspace.id, {
      limit: limit + 1,
      before: readCursor(cursor, z.number().int()),
      webhookId,
    });
    return pageOf(rows, limit, (d) => d.id, viewDelivery);
  },
});
