import { DomainError } from '../core/domain-error.ts';
import { saveAudience } from '../services/audiences.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto audience save NAME --filter JSON`: creates or replaces a saved audience. */
export const audienceSave: Command = {
  name: 'audience save',
  summary: 'Save a filter as a named audience of the workspace (replaces one of the same name)',
  usage: 'NAME --filter JSON [--workspace W] [--json]',
  options: { filter: { type: 'string' }, workspace: { type: 'string' } },
  maxPositionals: 1,
  async run({ values, positionals, io, app, json }) {
    const name = positionals[0];
    if (name === undefined)
      throw new DomainError(
        'invalid_input',
        'missing NAME: texto audience save NAME --filter JSON',
      );
    if (typeof values.filter !== 'string')
      throw new DomainError('invalid_input', 'missing --filter JSON');
    const { audience, created } = await saveAudience(
      await app.store(),
      { workspace: values.workspace as string | undefined, name, filter: values.filter },
      new Date(),
    );
    if (json) writeJson(io, { ...audience, created });
    else writeLine(io, `${created ? 'saved' : 'replaced'} audience '${audience.name}'`);
    return exitCodes.ok;
  },
};
