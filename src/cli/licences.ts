import { DomainError } from '../core/domain-error.ts';
import { listWorkspaceLicences } from '../services/licences.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto licences`: the rentals and purchases a workspace holds. */
export const licences: Command = {
  name: 'licences',
  summary: 'List the licences (rentals and purchases) of a workspace',
  usage: '--workspace A [--json]',
  options: { workspace: { type: 'string' } },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    if (typeof values.workspace !== 'string')
      throw new DomainError('invalid_input', 'missing --workspace');
    const rows = await listWorkspaceLicences(await app.store(), values.workspace);
    if (json) writeJson(io, { licences: rows });
    else {
      for (const l of rows) {
        const left = l.type === 'rental' ? `, ${l.campaignsLeft} campaign left` : ', unlimited';
        writeLine(
          io,
          `${l.id}  ${l.type}  ${l.contacts} contacts of ${l.list.name}  ${l.state}${left}`,
        );
      }
      if (rows.length === 0) writeLine(io, 'no licence');
    }
    return exitCodes.ok;
  },
};
