import { DomainError } from '../core/domain-error.ts';
import { orderList } from '../services/market.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto market order`: rent (one campaign) or buy a selection of a list; prints the licence. */
export const marketOrder: Command = {
  name: 'market order',
  summary: 'Rent (one campaign, numbers never shown) or buy a selection of a list',
  usage: '--workspace A --list ID --filter JSON --type rental|purchase [--json]',
  options: {
    workspace: { type: 'string' },
    list: { type: 'string' },
    filter: { type: 'string' },
    type: { type: 'string' },
  },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    for (const name of ['workspace', 'list', 'filter', 'type'] as const) {
      if (typeof values[name] !== 'string')
        throw new DomainError('invalid_input', `missing --${name}`);
    }
    const outcome = await orderList(
      await app.store(),
      {
        workspace: values.workspace as string,
        list: values.list as string,
        filter: values.filter,
        type: values.type as string,
      },
      new Date(),
    );
    if (json) {
      writeJson(io, outcome.ok ? { ...outcome.licence, findings: outcome.findings } : outcome);
    } else if (outcome.ok) {
      const l = outcome.licence;
      writeLine(
        io,
        `licence ${l.id}: ${l.type} of ${l.contacts} contacts of ${l.list.name} for ${l.price} €`,
      );
      writeLine(
        io,
        l.type === 'rental'
          ? 'one campaign; the platform sends it, the numbers are never shown'
          : 'the contacts were copied into your file with their consent provenance',
      );
      for (const f of outcome.findings) writeLine(io, `${f.rule} ${f.severity}: ${f.message}`);
    } else {
      io.stderr.write(`texto: order refused (${outcome.reason}): ${outcome.message}\n`);
    }
    return outcome.ok ? exitCodes.ok : exitCodes.refused;
  },
};
