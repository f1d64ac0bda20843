import { listReplies } from '../services/inbound.ts';
import { workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto inbound list`: replies (MO) with their interpretation and what was done. */
export const inboundList: Command = {
  name: 'inbound list',
  summary: 'List replies (STOP, probable opt-outs, START…) with their interpretation',
  usage: '[--workspace W] [--limit N] [--json]',
  options: { ...workspaceOption, limit: { type: 'string' } },
  maxPositionals: 0,
  async run({ io, app, json, values }) {
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      io.stderr.write('texto: --limit must be an integer from 1 to 10000\n');
      return exitCodes.usage;
    }
    const workspace = typeof values.workspace === 'string' ? values.workspace : undefined;
    const replies = await listReplies(await app.store(), { workspace, limit });
    if (json) writeJson(io, replies);
    else if (replies.length === 0) writeLine(io, 'no replies');
    else {
      for (const r of replies) {
        writeLine(io, `${r.receivedAt}  ${r.from}  ${r.interpretation} → ${r.action}  «${r.text}»`);
      }
    }
    return exitCodes.ok;
  },
};
