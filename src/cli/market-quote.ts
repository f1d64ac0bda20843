import { DomainError } from '../core/domain-error.ts';
import { type MarketQuote, quoteList } from '../services/market.ts';
import { type Command, exitCodes, type Io } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto market quote`: count a selection of a list, deduplicate, price the net. */
export const marketQuote: Command = {
  name: 'market quote',
  summary: 'Count and price a selection of a list (net of your own file and suppressions)',
  usage:
    '--workspace A --list ID --filter JSON [--breakdown FIELD,...] [--sample N] [--json]\n\n' +
    '  e.g. --filter \'{"all":[{"field":"department","in":["75"]},{"field":"age","between":[25,34]}]}\'',
  options: {
    workspace: { type: 'string' },
    list: { type: 'string' },
    filter: { type: 'string' },
    breakdown: { type: 'string' },
    sample: { type: 'string' },
  },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    for (const name of ['workspace', 'list', 'filter'] as const) {
      if (typeof values[name] !== 'string')
        throw new DomainError('invalid_input', `missing --${name}`);
    }
    const quote = await quoteList(
      await app.store(),
      {
        workspace: values.workspace as string,
        list: values.list as string,
        filter: values.filter,
        sample: values.sample === undefined ? 0 : Number(values.sample),
        breakdown:
          typeof values.breakdown === 'string'
            ? values.breakdown
                .split(',')
                .map((f) => f.trim())
                .filter(Boolean)
            : [],
      },
      new Date(),
    );
    if (json) writeJson(io, quote);
    else printQuote(io, quote);
    return exitCodes.ok;
  },
};

function printQuote(io: Io, q: MarketQuote): void {
  writeLine(
    io,
    `list        ${q.list.name} (${q.list.id}) v${q.list.version} by ${q.list.provider}`,
  );
  writeLine(io, `count       ${q.count}`);
  writeLine(io, `duplicates  ${q.duplicates} (already in your file or suppressions: not billed)`);
  writeLine(io, `net         ${q.net}`);
  const line = (label: string, price: number | null, d: MarketQuote['pricing']['rental']) =>
    writeLine(
      io,
      `${label}${price === null ? 'not offered' : `${price} € (${d?.cpm} €/1000${d?.minimumApplied ? `, minimum order ${d.minimumOrder} €` : ''})`}`,
    );
  line('rental      ', q.rental, q.pricing.rental);
  line('purchase    ', q.purchase, q.pricing.purchase);
  for (const f of q.findings) writeLine(io, `${f.rule} ${f.severity}: ${f.message}`);
  for (const r of q.sample ?? []) {
    writeLine(io, `  ${r.phone}  ${r.department ?? ''}  ${r.gender ?? ''}  ${r.age ?? ''}`);
  }
  for (const [field, counts] of Object.entries(q.breakdown ?? {})) {
    writeLine(io, `\n${field}:`);
    for (const [value, n] of Object.entries(counts)) writeLine(io, `  ${value.padEnd(14)} ${n}`);
  }
}
