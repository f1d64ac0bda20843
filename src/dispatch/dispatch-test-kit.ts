import { type CampaignRow, insertCampaign } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { messageTables, type NewMessageRow } from '../store/messages.ts';
import { parseTransportUrl, type SmppSpec } from '../transports/parse-transport-url.ts';
import { createSmppTransport } from '../transports/smpp-transport.ts';
import {
  type SmscServer,
  type SmscServerOptions,
  startSmscServer,
} from '../transports/smsc-server.ts';
import {
  type DispatchRuntime,
  type StartDispatchOptions,
  startDispatch,
} from './start-dispatch.ts';

/** Tuesday 1 December 2026, 11:00 in Paris: inside the 'brief' window (ends 19:00Z). */
export const tuesdayMorning = Date.parse('2026-12-01T10:00:00Z');

/** A clock starting at `base` and running at real speed. */
export function clockFrom(base: number): () => number {
  const started = Date.now();
  return () => base + (Date.now() - started);
}

let campaignSeq = 0;

/** The n-th test mobile of a campaign: distinct, valid metropolitan French mobiles. */
export function testPhone(campaign: number, i: number): string {
  return `+3361${String(campaign % 100).padStart(2, '0')}${String(i).padStart(5, '0')}`;
}

/**
 * A campaign in `state` with `count` planned messages due at `plannedAt`, each to its own
 * contact with a granted consent (written straight to the tables: what `campaign schedule`
 * writes, without the preflight).
 */
/** A message row of workspace `default`, due (and last changed) at `at`, planned unless said. */
export function testMessageRow(m: {
  campaignId: string;
  contactId: number;
  phone: string;
  at: string;
  state?: NewMessageRow['state'];
  text?: string;
  parts?: number | undefined;
}): NewMessageRow {
  return {
    workspace_id: 'default',
    campaign_id: m.campaignId,
    contact_id: m.contactId,
    licence_id: null,
    seed: 0,
    masked: 0,
    phone: m.phone,
    text: m.text ?? 'Dupont: -20% ce samedi ! STOP au 36180',
    parts: m.parts ?? 1,
    encoding: 'GSM-7',
    planned_at: m.at,
    window_ends_at: m.at,
    state: m.state ?? 'planned',
    attempts: 0,
    created_at: m.at,
    updated_at: m.at,
  };
}

export async function seedCampaign(
  store: Store,
  options: { count: number; plannedAt: number; state?: string; text?: string; parts?: number },
): Promise<{ id: string; phones: string[] }> {
  campaignSeq += 1;
  const id = `cmp_test${campaignSeq}_${Math.random().toString(36).slice(2, 8)}`;
  const at = new Date(options.plannedAt).toISOString();
  const row = testCampaignRow(id, at, {
    name: `test ${campaignSeq}`,
    tps: 100,
    state: options.state ?? 'scheduled',
  });
  await insertCampaign(store.db, row);
  const phones = Array.from({ length: options.count }, (_, i) => testPhone(campaignSeq, i));
  const contacts = phones.map((phone) => ({
    workspace_id: 'default',
    list_id: null,
    phone,
    consent_status: 'granted' as const,
    consent_valid_until: '2099-01-01T00:00:00.000Z',
    source: 'first_party',
    created_at: at,
    updated_at: at,
  }));
  const ids: number[] = [];
  for (let i = 0; i < contacts.length; i += 500) {
    const inserted = await store.db
      .insertInto('contacts')
      .values(contacts.slice(i, i + 500))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => Number(r.id)));
  }
  const text = options.text ?? 'Dupont: -20% ce samedi ! STOP au 36180';
  const messages = phones.map((phone, i) =>
    testMessageRow({ campaignId: id, contactId: ids[i]!, phone, at, text, parts: options.parts }),
  );
  for (let i = 0; i < messages.length; i += 500) {
    await messageTables(store.db)
      .insertInto('messages')
      .values(messages.slice(i, i + 500))
      .execute();
  }
  return { id, phones };
}

/** Messages of a campaign by id with state, error and attempts. */
export async function readMessages(store: Store, campaignId: string) {
  const rows = await messageTables(store.db)
    .selectFrom('messages')
    .select(['id', 'phone', 'state', 'error_code', 'attempts', 'planned_at'])
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
}

export function countStates(rows: ReadonlyArray<{ state: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return counts;
}

/** A simulator SMSC on loopback and a dispatch runtime talking SMPP to it. */
export async function startSmppDispatch(
  store: Store,
  server: SmscServerOptions,
  query: string,
  options: Partial<Omit<StartDispatchOptions, 'store' | 'transport'>> = {},
): Promise<{ smsc: SmscServer; runtime: DispatchRuntime; replies: unknown[] }> {
  const smsc = await startSmscServer(server);
  const spec = parseTransportUrl(`smpp://texto:pw@127.0.0.1:${smsc.port}?${query}`) as SmppSpec;
  const replies: unknown[] = [];
  const runtime = await startDispatch({
    store,
    onReply: async (reply) => {
      replies.push(reply);
    },
    accountTps: spec.tps * spec.binds,
    heartbeatMs: 200,
    aliveMs: 1000,
    ...options,
    transport: async (onInbound) =>
      createSmppTransport({
        ...spec,
        onInbound,
        reconnectMinMs: 20,
        reconnectMaxMs: 100,
        bindWaitMs: 2000,
        log: () => {},
      }),
  });
  return { smsc, runtime, replies };
}

/** Polls until `check` holds or `ms` pass; returns whether it held. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  ms: number,
): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

/** A campaign row as the store holds it, for tests and benchmarks that write the queue directly. */
export function testCampaignRow(
  id: string,
  at: string,
  overrides: Partial<CampaignRow> = {},
): CampaignRow {
  return {
    id,
    workspace_id: 'default',
    name: id,
    sender: 'DUPONT',
    template: 'x',
    purpose: 'promotional',
    sector: 'general',
    audiences: '[]',
    licences: '[]',
    rule_pack: 'FR',
    policy: 'brief',
    start_at: at,
    finish_by: null,
    slots: 'asap',
    tps: 10,
    state: 'scheduled',
    created_at: at,
    updated_at: at,
    scheduled_at: at,
    preflight_digest: null,
    preflight_summary: null,
    recipient_digest: null,
    ...overrides,
  };
}
