/**
 * Preflight + plan + message rows of a 1,000,000-recipient campaign on SQLite (budget ≤ 10 s,
 * docs/architecture.md), through the services: recipients read from the store in keyset pages,
 * the pure core, then every message row written in one transaction.
 * Contacts: 80% metropolitan (some with postal codes), 20% overseas (GP, RE, MQ, GF, PF), about
 * 3% without valid consent and 1% suppressed, one saved audience of all of them.
 * Baseline in the same run: reading the same recipient rows only (the store query, no work).
 * BENCH_RECIPIENTS=1000000 (default) chooses the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parseAudienceFilter } from '../src/core/audience/parse-audience-filter.ts';
import { saveAudience } from '../src/services/audiences.ts';
import { scheduleCampaign } from '../src/services/campaign-schedule.ts';
import { createCampaign, preflightCampaign } from '../src/services/campaigns.ts';
import { iterateOwnRecipients } from '../src/store/campaign-recipients.ts';
import { openStore } from '../src/store/db.ts';
import { migrateStore } from '../src/store/migrate.ts';

const count = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
const now = new Date('2026-12-01T09:00:00Z');
const policy = { stopCode: '36180', maxParts: 1, penaltyPerNumberEur: 1000 };
const dir = mkdtempSync(join(tmpdir(), 'texto-bench-plan-'));
const store = openStore({ sqlitePath: join(dir, 'texto.db') });
const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
const ms = (t: number) => `${t.toFixed(0)} ms`;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

try {
  await migrateStore(store, now);
  const i0 = performance.now();
  await sql`
    INSERT INTO contacts (workspace_id, list_id, phone, country, territory, postal_code, department,
      first_name, consent_basis, consent_status, consent_valid_until, source, created_at, updated_at)
    WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ${sql.lit(count)})
    SELECT 'default', NULL,
      CASE n % 20
        WHEN 16 THEN '+590690' || (100000 + n / 20)
        WHEN 17 THEN '+262692' || (100000 + n / 20)
        WHEN 18 THEN '+596696' || (100000 + n / 20)
        WHEN 19 THEN CASE WHEN n % 40 = 19 THEN '+594694' || (100000 + n / 40)
                          ELSE '+68987' || (100000 + n / 40) END
        ELSE '+33' || (600000000 + n) END,
      'FR', NULL,
      CASE WHEN n % 3 = 0 THEN printf('%02d000', 1 + n % 95) END, NULL,
      CASE n % 6 WHEN 0 THEN 'Zoé' WHEN 1 THEN 'Léa' WHEN 2 THEN 'Jean' WHEN 3 THEN 'Hélène'
        WHEN 4 THEN 'Marc' ELSE NULL END,
      'consent',
      CASE WHEN n % 67 = 0 THEN 'none' ELSE 'granted' END,
      CASE WHEN n % 101 = 0 THEN '2025-06-01T00:00:00.000Z' ELSE '2028-06-01T00:00:00.000Z' END,
      'first_party', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
    FROM r`.execute(store.db);
  await sql`
    INSERT INTO suppressions (workspace_id, phone, reason, origin, created_at)
    SELECT 'default', phone, 'stop', 'bench', '2026-02-01T00:00:00.000Z'
    FROM contacts WHERE id % 100 = 7`.execute(store.db);
  const i1 = performance.now();
  await saveAudience(store, { name: 'tous', filter: { all: [] } }, now);
  const campaign = await createCampaign(
    store,
    {
      name: 'Bench 1M',
      sender: 'DUPONT',
      text: 'Dupont Meubles: {firstName|Bonjour}, -20% sur tout le magasin ce samedi ! STOP au 36180',
      audiences: ['tous'],
      start: '2026-12-07T08:00:00+01:00',
      tps: '100',
    },
    now,
  );
  const rssBefore = rss();

  // Baseline: the same recipient rows read, nothing else.
  const b0 = performance.now();
  const bc = process.cpuUsage();
  let rows = 0;
  const scope = {
    db: store.db,
    caps: store.capabilities,
    workspaceId: 'default',
    filters: [parseAudienceFilter({ all: [] })],
    listSources: [],
    at: now.toISOString(),
    values: ['first_name' as const],
    withBasis: false,
  };
  for await (const page of iterateOwnRecipients(scope)) rows += page.length;
  const baseline = performance.now() - b0;
  const baselineCpu = cpuMs(process.cpuUsage(bc));

  const p0 = performance.now();
  const pc = process.cpuUsage();
  const report = await preflightCampaign(store, policy, { id: campaign.id }, now);
  const preflight = performance.now() - p0;
  const preflightCpu = cpuMs(process.cpuUsage(pc));

  const s0 = performance.now();
  const cpu0 = process.cpuUsage();
  const scheduled = await scheduleCampaign(store, policy, { id: campaign.id }, now);
  const schedule = performance.now() - s0;
  const cpu = cpuMs(process.cpuUsage(cpu0));
  if (!scheduled.ok) throw new Error(`schedule refused: ${JSON.stringify(scheduled)}`);

  console.log(`contacts ${count} inserted in ${ms(i1 - i0)} (setup, not timed)`);
  console.log(
    `recipients ${report.recipients.total}, eligible ${report.recipients.eligible}, excluded ${JSON.stringify(report.recipients.excluded)}`,
  );
  console.log(
    `plan ${report.plan?.start} → ${report.plan?.end}, per territory ${Object.keys(report.plan?.perTerritory ?? {}).join(' ')}, cost ${report.cost?.eur} €`,
  );
  console.log(
    `baseline: read the ${rows} recipient rows only: ${ms(baseline)} (CPU ${ms(baselineCpu)})`,
  );
  console.log(
    `preflight + plan (campaign preflight: read + core): ${ms(preflight)} (CPU ${ms(preflightCpu)})`,
  );
  console.log(
    `schedule (read + preflight + plan + write ${scheduled.messages} message rows): ${ms(schedule)} (CPU ${ms(cpu)}; budget 10,000 ms)`,
  );
  console.log(
    `ratio schedule / baseline read = ${(schedule / baseline).toFixed(2)} wall, ${(cpu / baselineCpu).toFixed(2)} CPU`,
  );
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(`peak RSS ${rss()} MB (${rssBefore} MB before the timed part)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
