import { listCampaignPlan } from '../services/campaign-plan.ts';
import { readCampaignPolicy, readCampaignRef, workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/**
 * `texto campaign plan ID --ndjson`: one line per planned message (`to` masked for rented
 * contacts and seeds, plannedAt, windowEndsAt). Here --ndjson is an output format.
 */
export const campaignPlan: Command = {
  name: 'campaign plan',
  summary: 'Planned hand-off of every message (NDJSON lines with --ndjson)',
  usage: 'ID [--workspace W] [--ndjson | --json]',
  options: workspaceOption,
  maxPositionals: 1,
  ndjson: true,
  async run(context) {
    const { io, app, json, ndjson } = context;
    const listing = await listCampaignPlan(
      await app.store(),
      readCampaignPolicy(app),
      readCampaignRef(context),
      new Date(),
    );
    if (ndjson) {
      for await (const line of listing.lines) io.stdout.write(`${JSON.stringify(line)}\n`);
    } else if (json) {
      const messages = [];
      for await (const line of listing.lines) messages.push(line);
      writeJson(io, { ...listing, lines: undefined, messages });
    } else {
      for await (const l of listing.lines) {
        writeLine(
          io,
          `${l.to.padEnd(18)} ${l.plannedAt}  until ${l.windowEndsAt}  ${l.parts} part(s)`,
        );
      }
    }
    if (listing.unplaceable > 0) {
      io.stderr.write(
        `texto: ${listing.unplaceable} message(s) do not fit before finish-by (not planned)\n`,
      );
    }
    return exitCodes.ok;
  },
};
