import { DomainError } from '../core/domain-error.ts';
import { checkWindow, type WindowCheckResult } from '../services/window.ts';
import { type Command, type CommandContext, exitCodes, type Io } from './command.ts';
import { runNdjson, writeJson, writeLine } from './output.ts';

const optionNames: Record<string, string> = {
  to: '--to',
  at: '--at',
  department: '--department',
  postalCode: '--postal-code',
  territory: '--territory',
  policy: '--policy',
  region: '--region',
};

/** `texto window check`: may a marketing SMS leave for this number at this instant? */
export const windowCheck: Command = {
  name: 'window check',
  summary: "Check a recipient's legal sending window at an instant (local time, holidays, DST)",
  usage:
    '--to NUMBER --at ISO-8601 [--department DD | --postal-code NNNNN] [--territory XX] ' +
    '[--policy brief|charter|custom:HH:MM-HH:MM[,mon-fri][,noholidays|holidays]] [--region FR] ' +
    '[--json | --ndjson]',
  options: {
    to: { type: 'string' },
    at: { type: 'string' },
    department: { type: 'string' },
    'postal-code': { type: 'string' },
    territory: { type: 'string' },
    policy: { type: 'string' },
    region: { type: 'string' },
  },
  maxPositionals: 0,
  ndjson: true,
  async run(context) {
    const { io } = context;
    const options = readOptions(context);
    if (context.ndjson) {
      const { errors, refused } = await runNdjson(io, async (input) => {
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          throw new DomainError('invalid_input', 'each line must be an object {"to","at",...}');
        }
        const result = checkWindow({ ...options, ...input });
        return { result, ok: result.allowed };
      });
      if (errors > 0) return exitCodes.usage;
      return refused > 0 ? exitCodes.refused : exitCodes.ok;
    }
    for (const required of ['to', 'at'] as const) {
      if (options[required] === undefined) {
        throw new DomainError(
          'invalid_input',
          `missing --${required}: texto window check ${windowCheck.usage}`,
        );
      }
    }
    const result = checkWindow(options, (f) => optionNames[f] ?? f);
    if (context.json) writeJson(io, result);
    else printVerdict(io, result);
    return result.allowed ? exitCodes.ok : exitCodes.refused;
  },
};

function readOptions(context: CommandContext): Record<string, string> {
  const v = context.values;
  const options: Record<string, string> = {};
  for (const [option, field] of [
    ['to', 'to'],
    ['at', 'at'],
    ['department', 'department'],
    ['postal-code', 'postalCode'],
    ['territory', 'territory'],
    ['policy', 'policy'],
    ['region', 'region'],
  ] as const) {
    const value = v[option];
    if (typeof value === 'string') options[field] = value;
  }
  return options;
}

function printVerdict(io: Io, r: WindowCheckResult): void {
  const where = `${r.to ?? '?'} (${r.territories.join('/') || '-'}, ${r.zones.join(', ') || 'no zone'})`;
  const local = r.localTime ? ` at ${r.localTime} local` : '';
  if (r.allowed) {
    writeLine(io, `ALLOWED: ${where}${local}, policy ${r.policy}; window ends ${r.windowEndsAt}`);
  } else {
    const holiday = r.holiday ? ` (${r.holiday})` : '';
    writeLine(io, `REFUSED: ${r.reason}${holiday}: ${where}${local}, policy ${r.policy}`);
    writeLine(
      io,
      r.nextAllowedAt ? `Next allowed: ${r.nextAllowedAt}` : 'Never sendable under this rule pack',
    );
  }
  if (r.warnings.length > 0) writeLine(io, `Warnings: ${r.warnings.join(', ')}`);
}
