import type { Campaign } from '../core/campaign/campaign.ts';
import { compileTemplate, countSeptets } from '../core/message/compile-template.ts';
import { createWindowSource } from '../core/plan/create-window-source.ts';
import { planCampaign } from '../core/plan/plan-campaign.ts';
import { runPreflight } from '../core/preflight/run-preflight.ts';
import type { Store } from '../store/db.ts';
import { findList } from '../store/lists.ts';
import type { NewMessageRow } from '../store/messages.ts';
import type { Evaluation } from './campaign-evaluation.ts';
import type { CampaignRecipient } from './campaign-recipients.ts';

/**
 * The message rows of a scheduled campaign, in chunks: one per planned eligible recipient,
 * text rendered now (the dispatcher sends what is stored), unplaceable ones not written.
 */
export function* buildMessageRows(
  campaign: Campaign,
  evaluation: Evaluation,
  now: Date,
  chunk = 20_000,
): Generator<NewMessageRow[]> {
  const { eligible, plan } = evaluation;
  if (!plan) return;
  const render = createRenderer(campaign.text);
  const at = now.toISOString();
  let lastEnd = Number.NaN;
  let lastEndIso = '';
  let rows: NewMessageRow[] = [];
  for (let i = 0; i < eligible.eligible.length; i++) {
    const planned = plan.plannedAt[i]!;
    if (Number.isNaN(planned)) continue;
    const r = eligible.eligible[i] as CampaignRecipient;
    const { text, encoding } = render(r.values);
    const end = plan.windowEndsAt[i]!;
    if (end !== lastEnd) {
      lastEnd = end;
      lastEndIso = new Date(end).toISOString();
    }
    rows.push({
      workspace_id: campaign.workspaceId,
      campaign_id: campaign.id,
      contact_id: r.id,
      licence_id: r.licenceId ?? null,
      seed: 0,
      masked: r.licenceKind === 'rental' ? 1 : 0,
      phone: eligible.e164[i]!,
      text,
      parts: eligible.parts[i]!,
      encoding,
      planned_at: new Date(planned).toISOString(),
      window_ends_at: lastEndIso,
      state: 'planned',
      attempts: 0,
      created_at: at,
      updated_at: at,
    });
    if (rows.length >= chunk) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

type Rendered = { readonly text: string; readonly encoding: 'GSM-7' | 'UCS-2' };

/**
 * Renders the template for a recipient's values, caching by the values used: a million
 * recipients share a few thousand first names, so most messages are rendered once.
 */
function createRenderer(source: string): (values: CampaignRecipient['values']) => Rendered {
  const template = compileTemplate(source);
  const names = template.placeholders;
  const cache = new Map<string, Rendered>();
  return (values) => {
    const key = names.map((n) => values?.[n] ?? '\u0001').join('\u0000');
    let hit = cache.get(key);
    if (!hit) {
      const text = template.render(values ?? {}).text;
      hit = { text, encoding: countSeptets(text) >= 0 ? 'GSM-7' : 'UCS-2' };
      if (cache.size < 100_000) cache.set(key, hit);
    }
    return hit;
  };
}

export interface SeedRows {
  readonly rows: NewMessageRow[];
  /** Seeds that could not be placed before finish-by (reported, not sent). */
  readonly unplaceable: number;
}

/**
 * The provider's seed (control) numbers of each rental, added to the send and not billed
 * (LIST-05). A seed already among the eligible numbers is not sent twice. Seeds are planned
 * after the campaign's last message, in their own windows, so they never take a second of
 * the campaign's throughput: one more tiny plan through the same core.
 */
export async function buildSeedRows(
  store: Store,
  campaign: Campaign,
  evaluation: Evaluation,
  now: Date,
): Promise<SeedRows> {
  const rentals = evaluation.set.licences.filter((l) => l.type === 'rental');
  if (rentals.length === 0) return { rows: [], unplaceable: 0 };
  const taken = new Set(evaluation.eligible.e164);
  const seeds: Array<{ phone: string; licenceId: string }> = [];
  for (const licence of rentals) {
    const list = await findList(store.db, licence.list_id);
    for (const phone of list?.seeds ?? []) {
      if (taken.has(phone)) continue;
      taken.add(phone);
      seeds.push({ phone, licenceId: licence.id });
    }
  }
  if (seeds.length === 0) return { rows: [], unplaceable: 0 };
  const { eligible } = runPreflight({
    campaign,
    recipients: seeds.map((s, i) => ({
      id: i + 1,
      phone: s.phone,
      consentStatus: 'granted',
      consentValidUntil: null,
      suppressed: false,
    })),
    now,
  });
  const end = evaluation.plan?.summary.end;
  const start = end ? new Date(Date.parse(end) + 1000).toISOString() : campaign.schedule.start;
  const plan = planCampaign({
    eligible,
    schedule: { ...campaign.schedule, start },
    tps: campaign.tps,
    windows: createWindowSource(campaign.policy),
    rulePack: campaign.rulePack,
    now,
  });
  const template = compileTemplate(campaign.text);
  const text = template.render({}).text;
  const at = now.toISOString();
  const rows: NewMessageRow[] = [];
  eligible.eligible.forEach((r, i) => {
    const planned = plan.plannedAt[i]!;
    if (Number.isNaN(planned)) return;
    rows.push({
      workspace_id: campaign.workspaceId,
      campaign_id: campaign.id,
      contact_id: null,
      licence_id: seeds[r.id - 1]!.licenceId,
      seed: 1,
      masked: 1,
      phone: eligible.e164[i]!,
      text,
      parts: eligible.parts[i]!,
      encoding: countSeptets(text) >= 0 ? 'GSM-7' : 'UCS-2',
      planned_at: new Date(planned).toISOString(),
      window_ends_at: new Date(plan.windowEndsAt[i]!).toISOString(),
      state: 'planned',
      attempts: 0,
      created_at: at,
      updated_at: at,
    });
  });
  return { rows, unplaceable: seeds.length - rows.length };
}
