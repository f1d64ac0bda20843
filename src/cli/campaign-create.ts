import { createCampaign } from '../services/campaigns.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `texto campaign create`: a draft campaign (sender, text, audiences, licences, schedule). */
export const campaignCreate: Command = {
  name: 'campaign create',
  summary: 'Create a draft campaign: sender, text, audiences and licences, schedule, throughput',
  usage:
    '[--workspace W] --name N --sender S --text T [--audience A]… [--licence L]… [--start ISO] [--finish-by ISO] [--slots asap|best] [--tps N] [--sector S] [--purpose promotional|transactional] [--policy brief|charter] [--json]',
  options: {
    workspace: { type: 'string' },
    name: { type: 'string' },
    sender: { type: 'string' },
    text: { type: 'string' },
    audience: { type: 'string', multiple: true },
    licence: { type: 'string', multiple: true },
    start: { type: 'string' },
    'finish-by': { type: 'string' },
    slots: { type: 'string' },
    tps: { type: 'string' },
    sector: { type: 'string' },
    purpose: { type: 'string' },
    policy: { type: 'string' },
  },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    const campaign = await createCampaign(
      await app.store(),
      {
        workspace: text(values.workspace),
        name: values.name,
        sender: values.sender,
        text: values.text,
        audiences: values.audience as string[] | undefined,
        licences: values.licence as string[] | undefined,
        start: values.start,
        finishBy: values['finish-by'],
        slots: values.slots,
        tps: values.tps,
        sector: values.sector,
        purpose: values.purpose,
        policy: values.policy,
      },
      new Date(),
    );
    if (json) writeJson(io, campaign);
    else {
      const workspace = await resolveWorkspace(await app.store(), text(values.workspace));
      writeLine(
        io,
        `campaign ${campaign.id} created (draft) in workspace ${workspace.name}: ${campaign.name}`,
      );
      writeLine(io, `next: texto campaign preflight ${campaign.id}`);
    }
    return exitCodes.ok;
  },
};
