import { preflightCampaign } from '../services/campaigns.ts';
import { readCampaignPolicy, readCampaignRef, workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto campaign preflight ID`: the compliance report; exit 1 when a finding blocks. */
export const campaignPreflight: Command = {
  name: 'campaign preflight',
  summary: 'Compliance report of a campaign: recipients, findings, message, plan, cost',
  usage: 'ID [--workspace W] [--json]',
  options: workspaceOption,
  maxPositionals: 1,
  async run(context) {
    const { io, app, json } = context;
    const report = await preflightCampaign(
      await app.store(),
      readCampaignPolicy(app),
      readCampaignRef(context),
      new Date(),
    );
    if (json) writeJson(io, report);
    else {
      const r = report.recipients;
      writeLine(io, `${report.ok ? 'OK' : 'BLOCKED'}: campaign ${report.campaign}`);
      writeLine(io, `recipients ${r.total}: ${r.eligible} eligible`);
      for (const [reason, n] of Object.entries(r.excluded)) {
        if (n > 0) writeLine(io, `  excluded ${reason}: ${n}`);
      }
      const m = report.message;
      writeLine(
        io,
        `message ${m.encoding}, ${m.parts} part(s), STOP ${m.stop.present ? m.stop.code : 'missing'}`,
      );
      for (const f of report.findings) {
        writeLine(
          io,
          `${f.severity === 'block' ? 'BLOCK' : 'warn '} ${f.rule} (${f.layer}, ${f.count}): ${f.message}`,
        );
      }
      if (report.plan) {
        writeLine(
          io,
          `plan ${report.plan.start} → ${report.plan.end}, ${report.plan.planned} planned, ${report.plan.unplaceable} unplaceable`,
        );
      }
      if (report.cost)
        writeLine(io, `cost ${report.cost.parts} parts, ${report.cost.eur} € excl. VAT`);
    }
    return report.ok ? exitCodes.ok : exitCodes.refused;
  },
};
