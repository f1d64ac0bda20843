import { DomainError } from '../core/domain-error.ts';
import { browseCatalogue } from '../services/market-catalogue.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto market catalogue`: the lists an advertiser can count, rent or buy. */
export const marketCatalogue: Command = {
  name: 'market catalogue',
  summary: 'Browse the lists on the marketplace, with prices and coverage',
  usage: '--workspace A [--json]',
  options: { workspace: { type: 'string' } },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    if (typeof values.workspace !== 'string') {
      throw new DomainError('invalid_input', 'missing --workspace (the advertiser workspace)');
    }
    const lists = await browseCatalogue(
      await app.store(),
      { workspace: String(values.workspace ?? '') },
      new Date(),
    );
    if (json) writeJson(io, { lists });
    else {
      for (const l of lists) {
        const price = (x: number | null) => (x === null ? '—' : `${x} €/1000`);
        writeLine(io, `${l.id}  ${l.name}  by ${l.provider.legalName ?? l.provider.name}`);
        writeLine(
          io,
          `  ${l.contacts} contacts · rental ${price(l.rentalCpm)} · purchase ${price(l.purchaseCpm)} · minimum ${l.minimumOrder} €${l.namesYou ? '' : ' · LIST-01: you are not named'}`,
        );
      }
      if (lists.length === 0) writeLine(io, 'no list published yet');
    }
    return exitCodes.ok;
  },
};
