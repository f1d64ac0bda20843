import { migrateDatabase } from '../services/workspaces.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto db migrate`: applies pending migrations; running it again changes nothing. */
export const dbMigrate: Command = {
  name: 'db migrate',
  summary: 'Create or upgrade the database (idempotent)',
  usage: '[--json]',
  options: {},
  maxPositionals: 0,
  async run({ io, app, json }) {
    const { applied } = await migrateDatabase(app.rawStore(), new Date());
    if (json) writeJson(io, { applied, upToDate: true });
    else
      writeLine(io, applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return exitCodes.ok;
  },
};
