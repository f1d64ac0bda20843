import { countAudience, showAudience } from '../services/audiences.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto audience show NAME`: a saved audience, with its count when asked. */
export const audienceShow: Command = {
  name: 'audience show',
  summary: 'Show a saved audience (its filter; --count adds the current count)',
  usage: 'NAME [--count] [--workspace W] [--json]',
  options: { count: { type: 'boolean' }, workspace: { type: 'string' } },
  maxPositionals: 1,
  async run({ values, positionals, io, app, json }) {
    const name = positionals[0] ?? '';
    const workspace = values.workspace as string | undefined;
    const store = await app.store();
    const audience = await showAudience(store, { workspace, name });
    const count = values.count
      ? await countAudience(store, { workspace, filter: { audience: name } }, new Date())
      : undefined;
    if (json) writeJson(io, count ? { ...audience, count } : audience);
    else {
      writeLine(io, `${audience.name}  (saved ${audience.updatedAt})`);
      writeLine(io, JSON.stringify(audience.filter, null, 2));
      if (count) writeLine(io, `reachable ${count.reachable} of ${count.matched}`);
    }
    return exitCodes.ok;
  },
};
