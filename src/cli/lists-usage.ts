import { DomainError } from '../core/domain-error.ts';
import { applyStopFeed, describeListUsage } from '../services/list-usage.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto lists usage`: what a provider sees of its lists' use; applies its STOP feed. */
export const listsUsage: Command = {
  name: 'lists usage',
  summary: 'Usage of your lists (providers): counts, orders, rental campaigns, STOPs, seed alerts',
  usage:
    '--workspace P [--apply-stops] [--json]\n\n' +
    '  --apply-stops  suppress in your workspace every STOP reported from rentals (LIST-04)',
  options: { workspace: { type: 'string' }, 'apply-stops': { type: 'boolean' } },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    if (typeof values.workspace !== 'string')
      throw new DomainError('invalid_input', 'missing --workspace');
    const store = await app.store();
    const applied = values['apply-stops']
      ? (await applyStopFeed(store, values.workspace, new Date())).applied
      : undefined;
    const lists = await describeListUsage(store, values.workspace);
    if (json) writeJson(io, { lists, ...(applied === undefined ? {} : { appliedStops: applied }) });
    else {
      for (const u of lists) {
        writeLine(
          io,
          `${u.list.id}  ${u.list.name} v${u.list.version}: ${u.list.contacts} contacts`,
        );
        writeLine(
          io,
          `  quotes ${u.quotes} · orders ${u.orders.length} · rental campaigns ${u.rentals.filter((r) => r.campaignId).length}`,
        );
        writeLine(
          io,
          `  STOPs ${u.stops.total} (${u.stops.unapplied} not applied) · seed alerts ${u.seedAlerts.length}`,
        );
      }
      if (applied !== undefined) writeLine(io, `applied ${applied} STOPs to your suppressions`);
    }
    return exitCodes.ok;
  },
};
