import type { ParseArgsConfig } from 'node:util';
import type { App } from '../app.ts';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Exit codes of every command: 0 ok or compliant, 1 refused or violations, 2 bad usage or input. */
export const exitCodes = { ok: 0, refused: 1, usage: 2, internal: 70 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  /** True when stdout is a terminal: progress bars and colours only then. */
  readonly interactive: boolean;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  readonly values: OptionValues;
  readonly positionals: string[];
  readonly io: Io;
  readonly app: App;
  readonly json: boolean;
  readonly ndjson: boolean;
}

export interface Command {
  /** Words that select the command, e.g. 'message check'. */
  readonly name: string;
  readonly summary: string;
  /** Usage lines shown by --help, after the name. */
  readonly usage: string;
  readonly options: ParseArgsOptionsConfig;
  /** How many positional arguments the command takes at most. */
  readonly maxPositionals: number;
  /** Checking commands read NDJSON on stdin with --ndjson. */
  readonly ndjson?: boolean;
  run(context: CommandContext): Promise<ExitCode>;
}
