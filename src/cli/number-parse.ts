import { DomainError } from '../core/domain-error.ts';
import type { ParsedNumber } from '../core/phone/parse-number.ts';
import { describeNumber } from '../services/number.ts';
import { type Command, exitCodes, type Io } from './command.ts';
import { runNdjson, writeJson, writeLine } from './output.ts';

/** `texto number parse`: E.164, validity, mobile, territories, zones and rule pack of a number. */
export const numberParse: Command = {
  name: 'number parse',
  summary:
    'Normalise a phone number: E.164, territories, time zones, rule pack (default region FR)',
  usage: '[--region FR] [--json | --ndjson] NUMBER',
  options: { region: { type: 'string' } },
  maxPositionals: 1,
  ndjson: true,
  async run({ values, positionals, io, json, ndjson }) {
    const region = typeof values.region === 'string' ? values.region : undefined;
    if (ndjson) {
      if (positionals.length > 0) {
        throw new DomainError(
          'invalid_input',
          'give NUMBER or --ndjson (numbers on stdin), not both',
        );
      }
      const { errors, refused } = await runNdjson(io, async (input) => {
        const line = typeof input === 'string' ? { number: input } : input;
        const merged = region && isObject(line) && !('region' in line) ? { ...line, region } : line;
        const result = describeNumber(merged);
        return { result, ok: result.reason === undefined };
      });
      if (errors > 0) return exitCodes.usage;
      return refused > 0 ? exitCodes.refused : exitCodes.ok;
    }
    const number = positionals[0];
    if (number === undefined) {
      throw new DomainError(
        'invalid_input',
        'missing NUMBER: texto number parse [--region FR] 0612345678',
      );
    }
    const result = describeNumber(region === undefined ? { number } : { number, region });
    if (json) writeJson(io, result);
    else printSummary(io, result);
    if (result.reason === 'unparsable') {
      if (!json) io.stderr.write(`texto: '${number}' is not a phone number\n`);
      return exitCodes.usage;
    }
    return result.reason === undefined ? exitCodes.ok : exitCodes.refused;
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function printSummary(io: Io, p: ParsedNumber): void {
  if (p.reason === 'unparsable') return;
  writeLine(
    io,
    `${p.e164 ?? p.input}: ${p.valid ? (p.mobile ? 'valid mobile' : 'valid, not a mobile') : 'invalid'}`,
  );
  if (p.country)
    writeLine(io, `Country: ${p.country}; territories: ${p.territories.join(', ') || '-'}`);
  if (p.timeZones.length > 0) writeLine(io, `Time zones: ${p.timeZones.join(', ')}`);
  writeLine(io, `Rule pack: ${p.rulePack ?? 'none'}`);
  if (p.reason) writeLine(io, `Refused for sending: ${p.reason}`);
}
