import { describeCampaignStatus } from '../services/dispatch.ts';
import { readCampaignRef, workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto campaign status ID`: messages by state and by delivery status. */
export const campaignStatus: Command = {
  name: 'campaign status',
  summary: 'Count a campaign’s messages by state and by delivery status',
  usage: 'ID [--workspace W] [--json]',
  options: workspaceOption,
  maxPositionals: 1,
  async run(context) {
    const { io, app, json } = context;
    const status = await describeCampaignStatus(await app.store(), readCampaignRef(context));
    if (json) writeJson(io, status);
    else {
      writeLine(io, `${status.campaign} ${status.state}: ${status.total} message(s)`);
      const states = Object.entries(status.states).filter(([, n]) => n > 0);
      writeLine(io, `  states: ${states.map(([s, n]) => `${s} ${n}`).join(', ') || '—'}`);
      const parts = Object.entries(status.delivery);
      writeLine(io, `  delivery: ${parts.map(([s, n]) => `${s} ${n}`).join(', ') || '—'}`);
      const { count, percent } = status.optOuts;
      if (count > 0) writeLine(io, `  opt-outs (STOP): ${count}, ${percent} % of messages sent`);
      if (status.unknown > 0) {
        writeLine(
          io,
          `  ${status.unknown} message(s) unknown (a worker stopped between submit and answer): never resent`,
        );
      }
    }
    return exitCodes.ok;
  },
};
