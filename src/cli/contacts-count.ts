import { countWorkspaceContacts } from '../services/contacts.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto contacts count`: how many contacts a workspace holds. */
export const contactsCount: Command = {
  name: 'contacts count',
  summary: 'Count the contacts of a workspace',
  usage: '[--workspace W] [--json]',
  options: { workspace: { type: 'string' } },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    const store = await app.store();
    const workspace = await resolveWorkspace(store, values.workspace as string | undefined);
    const count = await countWorkspaceContacts(store, workspace.id);
    if (json) writeJson(io, { count });
    else writeLine(io, String(count));
    return exitCodes.ok;
  },
};
