import { scheduleCampaign } from '../services/campaign-schedule.ts';
import { readCampaignPolicy, readCampaignRef, workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto campaign schedule ID`: writes the planned messages; exit 1 with the blocking findings. */
export const campaignSchedule: Command = {
  name: 'campaign schedule',
  summary: 'Schedule a draft campaign (refused while a preflight finding blocks)',
  usage: 'ID [--workspace W] [--json]',
  options: workspaceOption,
  maxPositionals: 1,
  async run(context) {
    const { io, app, json } = context;
    const outcome = await scheduleCampaign(
      await app.store(),
      readCampaignPolicy(app),
      readCampaignRef(context),
      new Date(),
    );
    if (json) writeJson(io, outcome);
    else if (outcome.ok) {
      writeLine(
        io,
        `campaign ${outcome.campaign} scheduled: ${outcome.messages} message(s) planned ${outcome.start} → ${outcome.end}`,
      );
      if (outcome.seeds > 0)
        writeLine(io, `${outcome.seeds} seed number(s) of the rented lists added (not billed)`);
      if (outcome.unplaceable > 0)
        writeLine(io, `${outcome.unplaceable} message(s) do not fit before finish-by: not sent`);
    } else {
      io.stderr.write(`texto: schedule refused (${outcome.reason}): ${outcome.message}\n`);
      for (const f of outcome.findings) io.stderr.write(`  ${f.rule} (${f.count}): ${f.message}\n`);
    }
    return outcome.ok ? exitCodes.ok : exitCodes.refused;
  },
};
