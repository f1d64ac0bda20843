import { DomainError } from '../core/domain-error.ts';
import { type AudienceCount, countAudience } from '../services/audiences.ts';
import { type Command, exitCodes, type Io } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto audience count`: how many contacts a filter reaches, why others are excluded. */
export const audienceCount: Command = {
  name: 'audience count',
  summary: 'Count the contacts a filter reaches (comptage), with exclusions and breakdowns',
  usage:
    '--filter JSON | --audience NAME [--breakdown FIELD,...] [--at DATE] [--sample N] [--workspace W] [--json]\n\n  e.g. --filter \'{"all":[{"field":"department","in":["75","92"]},{"field":"age","between":[25,34]}]}\' --breakdown age,gender',
  options: {
    filter: { type: 'string' },
    audience: { type: 'string' },
    breakdown: { type: 'string' },
    at: { type: 'string' },
    sample: { type: 'string' },
    workspace: { type: 'string' },
  },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    const filter = readFilter(values.filter, values.audience);
    const sample = values.sample === undefined ? 0 : Number(values.sample);
    if (!Number.isInteger(sample)) {
      throw new DomainError('invalid_input', `--sample: '${values.sample}' is not a whole number`);
    }
    const breakdown =
      typeof values.breakdown === 'string'
        ? values.breakdown
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : [];
    const result = await countAudience(
      await app.store(),
      {
        workspace: values.workspace as string | undefined,
        filter,
        breakdown,
        at: values.at as string | undefined,
        sample,
      },
      new Date(),
    );
    if (json) writeJson(io, result);
    else printCount(io, result);
    return exitCodes.ok;
  },
};

function readFilter(filter: unknown, audience: unknown): unknown {
  if (typeof filter === 'string' && typeof audience === 'string') {
    throw new DomainError('invalid_input', 'give --filter or --audience, not both');
  }
  if (typeof audience === 'string') return { audience };
  if (typeof filter !== 'string') {
    throw new DomainError('invalid_input', 'missing --filter JSON (or --audience NAME)');
  }
  return filter;
}

function printCount(io: Io, r: AudienceCount): void {
  const n = (x: number) => x.toLocaleString('en-US');
  writeLine(io, `reachable   ${n(r.reachable)} of ${n(r.matched)} matching contacts`);
  writeLine(io, `suppressed  ${n(r.excluded.suppressed)}`);
  writeLine(io, `no consent  ${n(r.excluded.noConsent)}`);
  writeLine(io, `invalid     ${n(r.excluded.invalid)}`);
  for (const [field, counts] of Object.entries(r.breakdown)) {
    writeLine(io, `\n${field}:`);
    for (const [value, count] of Object.entries(counts))
      writeLine(io, `  ${value.padEnd(14)} ${n(count)}`);
  }
  for (const s of r.sample ?? []) {
    writeLine(io, `  ${s.phone}  ${s.firstName ?? ''}  ${s.department ?? ''}  ${s.age ?? ''}`);
  }
  writeLine(io, `\n(${r.engine}, ${r.durationMs} ms, at ${r.at})`);
}
