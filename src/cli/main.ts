import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { isDomainError } from '../core/domain-error.ts';
import { type Command, type ExitCode, exitCodes, type Io } from './command.ts';
import { commands } from './commands.ts';
import { errorObject, writeJson, writeLine } from './output.ts';

const globalOptions = {
  json: { type: 'boolean' },
  ndjson: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The `texto` command: picks the subcommand by its words, parses options strictly, maps errors. */
export async function runCli(
  argv: readonly string[],
  io: Io,
  env: Record<string, string | undefined>,
): Promise<ExitCode> {
  const command = findCommand(argv);
  const wantsJson = argv.includes('--json') || argv.includes('--ndjson');
  if (!command) {
    const first = argv.find((a) => !a.startsWith('-'));
    if (first && !argv.includes('--help') && !argv.includes('-h')) {
      return fail(io, wantsJson, 'invalid_input', `unknown command '${first}'; see texto --help`);
    }
    printHelp(io, wantsJson);
    return argv.length === 0 || argv.includes('--help') || argv.includes('-h')
      ? exitCodes.ok
      : exitCodes.usage;
  }
  const rest = argv.slice(command.name.split(' ').length);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(io, wantsJson, 'invalid_input', (error as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help) {
    writeLine(io, `usage: texto ${command.name} ${command.usage}\n\n${command.summary}\n`);
    return exitCodes.ok;
  }
  if (values.ndjson && !command.ndjson) {
    return fail(io, true, 'invalid_input', `texto ${command.name} does not take --ndjson`);
  }
  if (parsed.positionals.length > command.maxPositionals) {
    const extra = parsed.positionals.slice(command.maxPositionals).join(' ');
    return fail(io, wantsJson, 'invalid_input', `unexpected argument '${extra}'`);
  }
  let app: ReturnType<typeof createApp> | undefined;
  try {
    const config = loadConfig(env);
    for (const name of config.unknownVariables) {
      io.stderr.write(`texto: warning: ${name} is not a Texto variable (ignored); see README\n`);
    }
    app = createApp(config);
    return await command.run({
      values,
      positionals: parsed.positionals,
      io,
      app,
      json: Boolean(values.json),
      ndjson: Boolean(values.ndjson),
    });
  } catch (error) {
    if (isDomainError(error)) {
      const code = ['invalid_input', 'not_found'].includes(error.code)
        ? exitCodes.usage
        : exitCodes.refused;
      report(io, wantsJson, errorObject(error));
      return code;
    }
    report(io, wantsJson, errorObject(error));
    if (env.TEXTO_LOG_LEVEL === 'debug') io.stderr.write(`${(error as Error).stack}\n`);
    return exitCodes.internal;
  } finally {
    await app?.close();
  }
}

function findCommand(argv: readonly string[]): Command | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => {
      const name = c.name.split(' ');
      return name.every((w, i) => argv[i] === w && words[i] === w);
    });
}

function printHelp(io: Io, json: boolean): void {
  if (json) {
    writeJson(io, { commands: commands.map((c) => ({ name: c.name, summary: c.summary })) });
    return;
  }
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  writeLine(io, 'usage: texto <command> [options]\n');
  writeLine(io, 'Commands:');
  for (const c of commands) writeLine(io, `  ${c.name.padEnd(width)}  ${c.summary}`);
  writeLine(
    io,
    '\nEvery command takes --json; checking commands take --ndjson (one JSON a line on stdin).',
  );
  writeLine(io, 'Exit codes: 0 ok, 1 refused or violations, 2 bad usage or input.');
  writeLine(io, 'texto <command> --help shows the options of a command.');
}

function report(io: Io, json: boolean, error: { code: string; message: string }): void {
  if (json) io.stdout.write(`${JSON.stringify({ error })}\n`);
  else io.stderr.write(`texto: ${error.message}\n`);
}

function fail(io: Io, json: boolean, code: string, message: string): ExitCode {
  report(io, json, { code, message });
  return exitCodes.usage;
}
