import { DomainError } from '../core/domain-error.ts';
import type { MessageCheck } from '../core/message/check-message.ts';
import { checkMessage } from '../services/message.ts';
import { type Command, type CommandContext, exitCodes, type Io } from './command.ts';
import { runNdjson, writeJson, writeLine } from './output.ts';

const optionNames: Record<string, string> = {
  text: 'TEXT',
  sender: '--sender',
  stopCode: '--stop-code',
  purpose: '--purpose',
  maxParts: '--max-parts',
};

/** `texto message check`: encoding, parts, STOP mention, sender and policy of one SMS text. */
export const messageCheck: Command = {
  name: 'message check',
  summary: 'Check an SMS text: encoding, parts, STOP mention, sender rules and policy',
  usage:
    '[--sender S] [--stop-code NNNNN] [--purpose promotional|transactional] [--max-parts N] ' +
    '[--transliterate] [--append-stop] [--json | --ndjson] [--] [TEXT]\n' +
    '(a TEXT that starts with "-", like "-20% ce samedi", goes after --)',
  options: {
    sender: { type: 'string' },
    'stop-code': { type: 'string' },
    purpose: { type: 'string' },
    'max-parts': { type: 'string' },
    transliterate: { type: 'boolean' },
    'append-stop': { type: 'boolean' },
  },
  maxPositionals: 1,
  ndjson: true,
  async run(context) {
    const { app, io } = context;
    const defaults = readOptions(context);
    if (context.ndjson) {
      if (context.positionals.length > 0) {
        throw new DomainError('invalid_input', 'give TEXT or --ndjson (texts on stdin), not both');
      }
      const { errors, refused } = await runNdjson(io, async (input) => {
        const line = typeof input === 'object' && input !== null ? input : { text: input };
        const result = checkMessage(app.config, { ...defaults, ...line });
        return { result, ok: result.ok };
      });
      if (errors > 0) return exitCodes.usage;
      return refused > 0 ? exitCodes.refused : exitCodes.ok;
    }
    const text = context.positionals[0];
    if (text === undefined) {
      throw new DomainError(
        'invalid_input',
        'missing TEXT: texto message check [options] "your message" (or --ndjson with texts on stdin)',
      );
    }
    const result = checkMessage(app.config, { ...defaults, text }, (f) => optionNames[f] ?? f);
    if (context.json) writeJson(io, result);
    else printSummary(io, result);
    return result.ok ? exitCodes.ok : exitCodes.refused;
  },
};

/** Options as request fields; --max-parts stays a string unless it is a plain number. */
function readOptions(context: CommandContext): Record<string, unknown> {
  const v = context.values;
  const options: Record<string, unknown> = {};
  if (v.sender !== undefined) options.sender = v.sender;
  if (v['stop-code'] !== undefined) options.stopCode = v['stop-code'];
  if (v.purpose !== undefined) options.purpose = v.purpose;
  const maxParts = v['max-parts'];
  if (typeof maxParts === 'string') {
    options.maxParts = /^\d+$/.test(maxParts) ? Number(maxParts) : maxParts;
  }
  if (v.transliterate) options.transliterate = true;
  if (v['append-stop']) options.appendStop = true;
  return options;
}

function printSummary(io: Io, r: MessageCheck): void {
  const unit = r.encoding === 'GSM-7' ? 'GSM-7 characters' : 'UCS-2 characters';
  const sms = r.parts === 1 ? '1 SMS' : `${r.parts} SMS parts`;
  if (r.before) {
    const b = r.before;
    writeLine(
      io,
      `Transliterated: ${b.encoding} ${b.units} units, ${b.parts} part(s) -> ${r.encoding} ${r.units} units, ${r.parts} part(s)`,
    );
  }
  if (r.before || r.appendedStop) writeLine(io, `Final text: ${r.text}`);
  writeLine(io, `${r.encoding}: ${r.units} ${unit}, ${sms} (${r.perPart} per part)`);
  if (r.nonGsm.length > 0) {
    const list = r.nonGsm.map((c) => `"${c.char}" at ${c.index}`).join(', ');
    writeLine(io, `Characters forcing UCS-2 (UTF-16 index): ${list}`);
  }
  writeLine(io, `STOP mention: ${r.stop.present ? `yes, code ${r.stop.code}` : 'none'}`);
  if (r.sender) {
    const state = r.sender.valid ? 'valid' : `refused: ${r.sender.reason}`;
    writeLine(io, `Sender: ${r.sender.kind}, ${state}`);
  }
  for (const v of r.violations) {
    writeLine(io, `  ${v.severity === 'block' ? 'BLOCK' : 'warn '} ${v.rule}: ${v.message}`);
  }
  writeLine(io, r.ok ? 'OK: this message can be sent' : 'REFUSED: fix the blocking problems above');
}
