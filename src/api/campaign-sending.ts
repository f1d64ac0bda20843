import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { writeCampaignCertificate } from '../services/campaign-certificate.ts';
import { cancelCampaign as cancelWorkspaceCampaign, showCampaign } from '../services/campaigns.ts';
import { changeCampaignSending, describeCampaignStatus } from '../services/dispatch.ts';
import {
  audit,
  campaignDetail,
  campaignParams,
  campaignView,
  read,
  refOf,
  tag,
  update,
} from './campaigns.ts';
import { defineOperation } from './operation.ts';
import { readPolicy } from './read-policy.ts';

/** A campaign once it is sending: pause, resume, cancel, live status, report and certificate. */
const statusView = z
  .object({
    campaign: z.string(),
    state: z.string(),
    total: z.number(),
    states: z.record(z.string(), z.number()),
    delivery: z
      .record(z.string(), z.number())
      .describe(
        'Messages handed to the gateway, by their receipt (a multi-part message is delivered when every part is; awaiting_receipt: none yet)',
      ),
    unknown: z.number(),
    nextPlannedAt: z
      .string()
      .nullable()
      .describe('When the next planned message is due (a later window or slot), or null'),
    optOuts: z
      .object({ count: z.number(), percent: z.number().nullable() })
      .describe(
        'Replies read as an opt-out (STOP), and their share of the messages sent in percent; a campaign reaching TEXTO_OPT_OUT_PAUSE_PERCENT (default 5) is paused once (FR-SND-04)',
      ),
  })
  .meta({ id: 'CampaignStatus' });

const sendingView = z.object({
  ok: z.boolean(),
  state: z.string(),
  reason: z
    .string()
    .optional()
    .describe('When refused: invalid-transition (not in a state that allows it) or conflict'),
  message: z.string().optional(),
});

/** Pause and resume differ only in their verb: one definition serves both. */
function defineSendingChange(verb: 'pause' | 'resume', summary: string) {
  return defineOperation({
    summary,
    tag,
    auth: 'workspace',
    permission: update,
    params: campaignParams,
    response: sendingView,
    async handle(input) {
      const out = await changeCampaignSending(input.deps.store, refOf(input), verb, input.now);
      await audit(input, `campaign.${verb}`, { ok: out.ok });
      return out;
    },
  });
}

export const pauseCampaign = defineSendingChange(
  'pause',
  'Pause sending (messages not yet handed to the gateway wait)',
);

export const resumeCampaign = defineSendingChange(
  'resume',
  'Resume a paused campaign (inside the legal windows only)',
);

export const cancelCampaign = defineOperation({
  summary: 'Cancel: every message not yet handed to a gateway is cancelled',
  tag,
  auth: 'workspace',
  permission: update,
  params: campaignParams,
  response: z.union([
    z.object({ ok: z.literal(true), campaign: campaignView, cancelledMessages: z.number() }),
    z.object({ ok: z.literal(false), reason: z.string(), message: z.string() }),
  ]),
  async handle(input) {
    const out = await cancelWorkspaceCampaign(input.deps.store, refOf(input), input.now);
    // A refusal is logged as one, not as a cancel with nothing in it.
    await audit(
      input,
      'campaign.cancel',
      out.ok ? { ok: true, cancelled: out.cancelledMessages } : { ok: false, reason: out.reason },
    );
    return out;
  },
});

export const getCampaignStatus = defineOperation({
  summary: 'Live status: messages by state, and messages handed over by delivery receipt',
  tag,
  auth: 'workspace',
  permission: read,
  params: campaignParams,
  response: statusView,
  async handle(input) {
    return describeCampaignStatus(input.deps.store, refOf(input));
  },
});

export const getCampaignReport = defineOperation({
  summary: 'Report: the campaign, its live status and its last preflight in one answer',
  tag,
  auth: 'workspace',
  permission: read,
  params: campaignParams,
  response: z.object({ campaign: campaignDetail, status: statusView }),
  async handle(input) {
    const ref = refOf(input);
    const campaign = await showCampaign(input.deps.store, ref);
    return { campaign, status: await describeCampaignStatus(input.deps.store, ref) };
  },
});

export const getCampaignCertificate = defineOperation({
  summary: 'The compliance certificate of the campaign (HTML, printable)',
  tag,
  auth: 'workspace',
  permission: read,
  params: campaignParams,
  response: z.string().describe('text/html'),
  contentType: 'text/html',
  async handle(input) {
    const dir = mkdtempSync(join(tmpdir(), 'texto-cert-'));
    try {
      const out = await writeCampaignCertificate(
        input.deps.store,
        readPolicy(input.deps.config),
        { ...refOf(input), out: join(dir, 'certificate.html'), pdf: false },
        {},
        input.now,
      );
      return new Response(readFileSync(out.htmlFile, 'utf8'), {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
          'x-certificate-digest': out.digest,
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
