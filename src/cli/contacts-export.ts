import { createWriteStream } from 'node:fs';
import { exportContacts } from '../services/contacts.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson } from './output.ts';

/** `texto contacts export`: every contact of a workspace as CSV, to stdout or --out FILE. */
export const contactsExport: Command = {
  name: 'contacts export',
  summary: 'Export the contacts of a workspace as CSV (stdout or --out FILE)',
  usage:
    '[--out FILE] [--workspace W] [--json]\n\nWith --json and --out, prints { exported, out }.',
  options: { out: { type: 'string' }, workspace: { type: 'string' } },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    const store = await app.store();
    const workspace = await resolveWorkspace(store, values.workspace as string | undefined);
    const out: NodeJS.WritableStream =
      typeof values.out === 'string' ? createWriteStream(values.out) : io.stdout;
    const write = (line: string) =>
      out.write(line)
        ? undefined
        : new Promise<void>((resolve) => out.once('drain', () => resolve()));
    const exported = await exportContacts(store, workspace.id, write);
    if (out !== io.stdout) {
      await new Promise<void>((resolve, fail) => {
        out.once('error', fail);
        out.end(() => resolve());
      });
      if (json) writeJson(io, { exported, out: values.out });
      else io.stderr.write(`${exported} contacts written to ${values.out}\n`);
    }
    return exitCodes.ok;
  },
};
