import { z } from 'zod';
import { breakdownFields } from '../services/audiences.ts';
import { recordAudit } from '../services/audit.ts';
import { orderList, quoteList } from '../services/market.ts';
import { browseCatalogue } from '../services/market-catalogue.ts';
import { findingView } from './findings.ts';
import { licenceView } from './licences.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageInMemory } from './page-in-memory.ts';
import { pageQuery, paginated } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

const catalogueView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    provider: z.object({ name: z.string(), legalName: z.string().nullable() }),
    version: z.number(),
    contacts: z.number(),
    rentalCpm: z.number().nullable(),
    purchaseCpm: z.number().nullable(),
    minimumOrder: z.number(),
    currency: z.literal('EUR'),
    partners: z.array(z.string()).readonly(),
    namesYou: z.boolean().describe('LIST-01: the collection form names this workspace'),
    coverage: z.record(z.string(), z.number()),
    createdAt: z.string(),
  })
  .meta({ id: 'CatalogueEntry' });

const price = z
  .object({
    cpm: z.number(),
    price: z.number(),
    minimumOrder: z.number(),
    minimumApplied: z.boolean(),
  })
  .nullable();

const quoteView = z
  .object({
    list: z.object({ id: z.string(), name: z.string(), version: z.number(), provider: z.string() }),
    at: z.string(),
    count: z.number(),
    duplicates: z.number().describe('Already among your own contacts: not billed'),
    net: z.number(),
    rental: z.number().nullable(),
    purchase: z.number().nullable(),
    currency: z.literal('EUR'),
    pricing: z.object({ rental: price, purchase: price }),
    breakdown: z.record(z.string(), z.record(z.string(), z.number())).optional(),
    sample: z
      .array(
        z.object({
          phone: z.string().describe('Masked: rented numbers are never shown'),
          department: z.string().nullable(),
          gender: z.string().nullable(),
          age: z.number().nullable(),
        }),
      )
      .optional(),
    findings: z.array(findingView).readonly(),
  })
  .meta({ id: 'Quote' });

const quoteRequest = z.strictObject({
  list: z.string().min(1).max(100).describe('List id'),
  filter: z.record(z.string(), z.unknown()).default({ all: [] }),
  breakdown: z.array(z.enum(breakdownFields)).max(10).optional(),
  sample: z.number().int().min(0).max(20).optional(),
});

export const listCatalogue = defineOperation({
  summary: 'The marketplace catalogue: lists on offer, prices, coverage, whether they name you',
  tag: 'marketplace',
  auth: 'workspace',
  permission: { resource: 'catalogue', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(catalogueView),
  async handle(input) {
    const rows = await browseCatalogue(
      input.deps.store,
      { workspace: accessOf(input).workspace.id },
      input.now,
    );
    return pageInMemory(
      rows,
      input.query,
      (e) => e.id,
      (e) => e,
    );
  },
});

export const createQuote = defineOperation({
  summary: 'Quote a selection of a list: count, duplicates with your file, price, masked sample',
  tag: 'marketplace',
  auth: 'workspace',
  permission: { resource: 'quote', action: 'create' },
  params: workspaceParams,
  body: quoteRequest,
  response: quoteView,
  status: 201,
  async handle(input) {
    return quoteList(
      input.deps.store,
      { ...input.body, workspace: accessOf(input).workspace.id },
      input.now,
    );
  },
});

const orderView = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    licence: licenceView,
    findings: z.array(findingView).readonly(),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.string(),
    message: z.string(),
    findings: z.array(findingView).readonly(),
  }),
]);

export const createOrder = defineOperation({
  summary: 'Order a selection: a rental (one campaign, numbers stay hidden) or a purchase',
  description: 'A refusal (not offered, empty selection, LIST-01…) is `ok: false` with status 200.',
  tag: 'marketplace',
  auth: 'workspace',
  permission: { resource: 'order', action: 'create' },
  params: workspaceParams,
  body: quoteRequest.omit({ sample: true }).extend({ type: z.enum(['rental', 'purchase']) }),
  response: orderView,
  async handle(input) {
    const workspaceId = accessOf(input).workspace.id;
    const out = await orderList(
      input.deps.store,
      { ...input.body, workspace: workspaceId },
      input.now,
    );
    if (out.ok) {
      await recordAudit(
        input.deps.store,
        {
          workspaceId,
          actor: principalOf(input),
          action: 'market.order',
          target: { kind: 'licence', id: out.licence.id },
          details: { type: input.body.type, list: input.body.list, contacts: out.licence.contacts },
        },
        input.now,
      );
    }
    return out;
  },
});
