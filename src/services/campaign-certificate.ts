import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';
import type { Campaign } from '../core/campaign/campaign.ts';
import { digestRecipients } from '../core/certificate/digest-recipients.ts';
import {
  type CertificateInput,
  renderCertificate,
} from '../core/certificate/render-certificate.ts';
import type { CampaignReport } from '../core/plan/compose-campaign-report.ts';
import type { CampaignRow } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { countMessagesByState } from '../store/messages.ts';
import { findWorkspace } from '../store/workspaces.ts';
import { type CampaignPolicy, consentBasesOf, evaluateCampaign } from './campaign-evaluation.ts';
import { type CampaignRef, loadCampaign, toCampaign } from './campaigns.ts';

export interface CertificateOutcome {
  readonly campaign: string;
  readonly ok: boolean;
  /** The HTML file written. */
  readonly htmlFile: string;
  /** The PDF written beside, or null with the reason it was skipped. */
  readonly pdf: string | null;
  readonly pdfSkipped: string | null;
  readonly digest: string;
}

/** Converters tried, in order, for the PDF copy (optional: never a downloaded browser). */
const converters = ['chromium', 'chromium-browser', 'libreoffice', 'soffice'] as const;

/** What a certificate states: the checks, when they were made, and what was sent since. */
type CertifiedFacts = Pick<
  CertificateInput,
  'report' | 'plan' | 'digest' | 'consentBases' | 'checkedAt' | 'sending'
>;

/**
 * Writes the campaign's compliance certificate (self-contained HTML) to `out`, and a PDF beside
 * it (same name, .pdf) when chromium or libreoffice is on PATH; says clearly when skipped.
 * A draft is checked now; a campaign once scheduled is certified on the checks it was
 * scheduled on (kept with it) and what its messages became: checked again now, a sent
 * campaign's recipients would read as "opted out" by the STOPs its own messages drew.
 */
export async function writeCampaignCertificate(
  store: Store,
  policy: CampaignPolicy,
  ref: CampaignRef & { readonly out: string; readonly pdf?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  now: Date,
): Promise<CertificateOutcome> {
  const row = await loadCampaign(store, ref);
  const campaign = toCampaign(row);
  const facts =
    row.state !== 'draft' && row.preflight_summary
      ? await scheduledFacts(store, row)
      : await currentFacts(store, policy, campaign, now);
  // Named as the advertiser knows itself (and its legal entity), the id kept for the record.
  const space = await findWorkspace(store.db, campaign.workspaceId);
  const workspace = space
    ? `${space.name}${space.legal_name ? ` (${space.legal_name})` : ''}, ${space.id}`
    : campaign.workspaceId;
  const html = renderCertificate({
    campaign: { ...campaign, workspace },
    ...facts,
    generatedAt: now,
  });
  const out = resolve(ref.out);
  writeFileSync(out, html);
  const pdf = ref.pdf === false ? { path: null, skipped: 'not asked' } : convertToPdf(out, env);
  return {
    campaign: row.id,
    ok: facts.report.ok,
    htmlFile: out,
    pdf: pdf.path,
    pdfSkipped: pdf.skipped,
    digest: facts.digest,
  };
}

/** A draft: its preflight and plan at `now`. */
async function currentFacts(
  store: Store,
  policy: CampaignPolicy,
  campaign: Campaign,
  now: Date,
): Promise<CertifiedFacts> {
  const { report, eligible, plan } = await evaluateCampaign(store, policy, campaign, now);
  return {
    report,
    plan: plan?.summary ?? null,
    digest: digestRecipients(eligible.e164),
    consentBases: consentBasesOf(eligible),
    checkedAt: now,
    sending: null,
  };
}

/** A scheduled campaign: the report stored when it was scheduled, and its messages now. */
async function scheduledFacts(store: Store, row: CampaignRow): Promise<CertifiedFacts> {
  const stored = JSON.parse(row.preflight_summary!) as CampaignReport & {
    consentBases?: Record<string, number>;
  };
  const { plan, cost } = stored;
  return {
    // The plan's unplaceable warning is in the stored findings; the certificate adds it back.
    report: { ...stored, findings: stored.findings.filter((f) => f.rule !== 'TX-PLAN-01') },
    plan: plan && {
      ...plan,
      parts: cost?.parts ?? 0,
      costEur: cost?.eur ?? 0,
      tps: row.tps,
      dayZone: 'Europe/Paris',
    },
    digest: row.recipient_digest ?? '',
    consentBases: stored.consentBases,
    checkedAt: new Date(row.scheduled_at ?? row.updated_at),
    sending: await countMessagesByState(store.db, row.workspace_id, row.id),
  };
}

function findOnPath(name: string, env: Readonly<Record<string, string | undefined>>) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function convertToPdf(
  html: string,
  env: Readonly<Record<string, string | undefined>>,
): { path: string | null; skipped: string | null } {
  const target = join(dirname(html), `${basename(html, extname(html))}.pdf`);
  for (const name of converters) {
    const bin = findOnPath(name, env);
    if (!bin) continue;
    const office = name === 'libreoffice' || name === 'soffice';
    const work = mkdtempSync(join(tmpdir(), 'texto-pdf-'));
    const args = office
      ? ['--headless', '--convert-to', 'pdf', '--outdir', work, html]
      : [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          `--print-to-pdf=${join(work, 'out.pdf')}`,
          html,
        ];
    const run = spawnSync(bin, args, { timeout: 60_000, stdio: 'ignore' });
    const produced = office
      ? join(work, `${basename(html, extname(html))}.pdf`)
      : join(work, 'out.pdf');
    if (run.status === 0 && existsSync(produced)) {
      copyFileSync(produced, target);
      rmSync(work, { recursive: true, force: true });
      return { path: target, skipped: null };
    }
    rmSync(work, { recursive: true, force: true });
  }
  return {
    path: null,
    skipped: `PDF skipped: no converter worked (${converters.join(', ')} not on PATH or failed); the HTML prints to PDF from any browser`,
  };
}
