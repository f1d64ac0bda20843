import { DomainError } from '../core/domain-error.ts';
import { buildCalendar, type WindowCalendarResult } from '../services/window.ts';
import { type Command, exitCodes, type Io } from './command.ts';
import { writeJson, writeLine } from './output.ts';

const optionNames: Record<string, string> = {
  to: '--to',
  from: '--from',
  toDate: '--to-date',
  department: '--department',
  postalCode: '--postal-code',
  territory: '--territory',
  policy: '--policy',
  region: '--region',
};

/** `texto window calendar`: a recipient's allowed intervals, day by day. */
export const windowCalendar: Command = {
  name: 'window calendar',
  summary: "List a recipient's allowed sending intervals day by day between two local dates",
  usage:
    '--to NUMBER --from YYYY-MM-DD --to-date YYYY-MM-DD [--department DD | --postal-code NNNNN] ' +
    '[--territory XX] [--policy brief|charter|custom:<spec>] [--region FR] [--json]',
  options: {
    to: { type: 'string' },
    from: { type: 'string' },
    'to-date': { type: 'string' },
    department: { type: 'string' },
    'postal-code': { type: 'string' },
    territory: { type: 'string' },
    policy: { type: 'string' },
    region: { type: 'string' },
  },
  maxPositionals: 0,
  async run({ values, io, json }) {
    const request: Record<string, string> = {};
    for (const [option, field] of Object.entries({
      to: 'to',
      from: 'from',
      'to-date': 'toDate',
      department: 'department',
      'postal-code': 'postalCode',
      territory: 'territory',
      policy: 'policy',
      region: 'region',
    })) {
      const value = values[option];
      if (typeof value === 'string') request[field] = value;
    }
    for (const required of ['to', 'from', 'toDate']) {
      if (request[required] === undefined) {
        throw new DomainError(
          'invalid_input',
          `missing ${optionNames[required]}: texto window calendar ${windowCalendar.usage}`,
        );
      }
    }
    const result = buildCalendar(request, (f) => optionNames[f] ?? f);
    if (json) writeJson(io, result);
    else printCalendar(io, result);
    return result.refused ? exitCodes.refused : exitCodes.ok;
  },
};

function printCalendar(io: Io, r: WindowCalendarResult): void {
  writeLine(
    io,
    `${r.to ?? '?'} (${r.territories.join('/') || '-'}, ${r.zones.join(', ') || 'no zone'}), policy ${r.policy}`,
  );
  if (r.refused) {
    writeLine(io, `Never sendable: ${r.refused}`);
    return;
  }
  for (const d of r.days) {
    const slots = d.intervals.map(
      (i) => `${i.localStart.slice(11, 16)}-${i.localEnd.slice(11, 16)}`,
    );
    const note =
      d.reason === 'ok' || d.reason === 'outside-hours'
        ? ''
        : ` (${d.reason}${d.holiday ? `: ${d.holiday}` : ''})`;
    writeLine(io, `${d.date}  ${slots.join(', ') || 'closed'}${note}`);
  }
}
