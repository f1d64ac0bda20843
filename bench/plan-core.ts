/**
 * Pure preflight + plan of a 1,000,000-recipient campaign (budget: ≤ 10 s with the store reads,
 * docs/architecture.md; this bench times the pure core alone, the store part comes with the
 * services). Mix: 80% metropolitan (some with a postal code, a few in Alsace-Moselle), the rest
 * overseas: +590 (GP/BL/MF), +262 Réunion and Mayotte, +596, +594, +689 French Polynesia; a few
 * percent excluded (no consent, lapsed, suppressed, duplicates, a landline). TPS 100, best
 * slots off, start Monday 2026-12-07 08:00 Paris, no finish-by.
 *
 * Baseline, measured in the same run on the same eligible recipients: what a naive planner does,
 * one window-engine call per message (`nextSendableAt` with a recipient object per message, no
 * capacity at all), i.e. the per-message cost the window classes avoid.
 */

import { parseNumber } from '../src/core/phone/parse-number.ts';
import { createWindowSource } from '../src/core/plan/create-window-source.ts';
import { planCampaign } from '../src/core/plan/plan-campaign.ts';
import type { PreflightRecipient } from '../src/core/preflight/preflight-recipient.ts';
import { runPreflight } from '../src/core/preflight/run-preflight.ts';
import { nextSendableAt } from '../src/core/rules/next-sendable-at.ts';

const count = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const digits = (n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 10);
  return s;
};
const metropolitan = () =>
  random() < 0.7
    ? `+336${'0124578'[Math.floor(random() * 7)]}${digits(7)}`
    : `+337${3 + Math.floor(random() * 7)}${digits(7)}`;
const overseas = [
  () => `+590690${digits(6)}`,
  () => `+262692${digits(6)}`,
  () => `+2626939${Math.floor(random() * 5)}${digits(4)}`,
  () => `+262639${6 + Math.floor(random() * 2)}${digits(5)}`,
  () => `+596696${digits(6)}`,
  () => `+594694${'01249'[Math.floor(random() * 5)]}${digits(5)}`,
  () => `+6898${7 + Math.floor(random() * 3)}${digits(6)}`,
];
const names = ['Zoé', 'Léa', 'Hélène', 'Jean', 'Marc', 'Inès', 'Noé', 'Chloé', 'Lucas', 'Manon'];

function generate(): PreflightRecipient[] {
  const recipients: PreflightRecipient[] = [];
  for (let id = 1; id <= count; id++) {
    const x = random();
    const phone =
      x < 0.005
        ? `+331${digits(8)}`
        : x < 0.01 && recipients.length > 0
          ? recipients[recipients.length - 1]!.phone
          : random() < 0.8
            ? metropolitan()
            : overseas[Math.floor(random() * overseas.length)]!();
    const y = random();
    recipients.push({
      id,
      phone,
      postalCode: y < 0.3 ? `${String(1 + Math.floor(random() * 95)).padStart(2, '0')}000` : null,
      consentStatus: y > 0.98 ? 'none' : 'granted',
      consentValidUntil: y > 0.97 && y <= 0.98 ? '2025-01-01T00:00:00Z' : '2028-01-01T00:00:00Z',
      suppressed: y > 0.96 && y <= 0.97,
      values: { firstName: names[Math.floor(random() * names.length)]! },
    });
  }
  return recipients;
}

const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
const recipients = generate();
const rssAfterData = rss();
const start = '2026-12-07T08:00:00+01:00';

const c0 = process.cpuUsage();
const t0 = performance.now();
const { report, eligible } = runPreflight({
  campaign: {
    sender: 'DUPONT',
    text: 'Dupont Meubles: {firstName|Bonjour}, -20% sur tout le magasin ce samedi ! STOP au 36180',
    purpose: 'promotional',
    sector: 'retail',
  },
  recipients,
  now: new Date('2026-12-01T00:00:00Z'),
  stopCode: '36180',
});
const t1 = performance.now();
const plan = planCampaign({
  eligible,
  schedule: { start, slots: 'asap' },
  tps: 100,
  windows: createWindowSource(),
});
const t2 = performance.now();
const cpu = process.cpuUsage(c0);
const peak = rss();

// Baseline: one window-engine call per eligible message, as a naive planner would.
const from = Date.parse(start);
const b0 = performance.now();
let checksum = 0;
for (let i = 0; i < eligible.eligible.length; i++) {
  const r = eligible.eligible[i]!;
  const at = nextSendableAt({ number: parseNumber(r.phone) }, from);
  checksum += at === null ? 0 : 1;
}
const b1 = performance.now();

const ours = t2 - t0;
const baseline = b1 - b0;
console.log(
  `recipients ${count}, eligible ${report.recipients.eligible}, classes ${eligible.classes.length}`,
);
console.log(`excluded ${JSON.stringify(report.recipients.excluded)}`);
console.log(
  `planned ${plan.summary.planned}, unplaceable ${plan.summary.unplaceable}, end ${plan.summary.end}, parts ${plan.summary.parts}, cost ${plan.summary.costEur} €`,
);
console.log(
  `preflight ${(t1 - t0).toFixed(0)} ms + plan ${(t2 - t1).toFixed(0)} ms = ${ours.toFixed(0)} ms (budget 10,000 ms with store reads)`,
);
console.log(
  `CPU time (user+system, all threads): ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
);
console.log(`peak RSS ${peak} MB (${rssAfterData} MB after generating the recipients)`);
console.log(
  `baseline (parseNumber + nextSendableAt per message, no capacity): ${baseline.toFixed(0)} ms (${checksum} answers)`,
);
console.log(
  `ratio ours / baseline = ${(ours / baseline).toFixed(2)} (lower is better; baseline does far less work)`,
);
