import { showCampaign } from '../services/campaigns.ts';
import { readCampaignRef, workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto campaign show ID`: settings, state and messages counted by state. */
export const campaignShow: Command = {
  name: 'campaign show',
  summary: 'Show a campaign: settings, state, messages by state',
  usage: 'ID [--workspace W] [--json]',
  options: workspaceOption,
  maxPositionals: 1,
  async run(context) {
    const { io, app, json } = context;
    const campaign = await showCampaign(await app.store(), readCampaignRef(context));
    if (json) writeJson(io, campaign);
    else {
      writeLine(
        io,
        `${campaign.id} ${campaign.state}: ${campaign.name} (sender ${campaign.sender})`,
      );
      writeLine(io, `text: ${campaign.text}`);
      writeLine(
        io,
        `start ${campaign.schedule.start}, finish-by ${campaign.schedule.finishBy ?? '—'}, slots ${campaign.schedule.slots}, ${campaign.tps} parts/s`,
      );
      const { total, ...states } = campaign.messages;
      writeLine(
        io,
        `messages ${total}${Object.entries(states)
          .map(([s, n]) => `, ${s} ${n}`)
          .join('')}`,
      );
    }
    return exitCodes.ok;
  },
};
