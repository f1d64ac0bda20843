import { cancelCampaign } from '../services/campaigns.ts';
import { readCampaignRef, workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto campaign cancel ID`: cancels the campaign and its messages not yet sent. */
export const campaignCancel: Command = {
  name: 'campaign cancel',
  summary: 'Cancel a campaign and its messages not yet handed to the gateway',
  usage: 'ID [--workspace W] [--json]',
  options: workspaceOption,
  maxPositionals: 1,
  async run(context) {
    const { io, app, json } = context;
    const outcome = await cancelCampaign(await app.store(), readCampaignRef(context), new Date());
    if (json) writeJson(io, outcome);
    else if (outcome.ok) {
      writeLine(
        io,
        `campaign ${outcome.campaign.id} cancelled; ${outcome.cancelledMessages} message(s) cancelled`,
      );
    } else io.stderr.write(`texto: cancel refused (${outcome.reason}): ${outcome.message}\n`);
    return outcome.ok ? exitCodes.ok : exitCodes.refused;
  },
};
