import { listAudiences } from '../services/audiences.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto audience list`: the workspace's saved audiences. */
export const audienceList: Command = {
  name: 'audience list',
  summary: "List the workspace's saved audiences",
  usage: '[--workspace W] [--json]',
  options: { workspace: { type: 'string' } },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    const audiences = await listAudiences(await app.store(), {
      workspace: values.workspace as string | undefined,
    });
    if (json) writeJson(io, { audiences });
    else if (audiences.length === 0) writeLine(io, 'no saved audience');
    else for (const a of audiences) writeLine(io, `${a.name}  ${JSON.stringify(a.filter)}`);
    return exitCodes.ok;
  },
};
