import { PassThrough } from 'node:stream';
import { runCli } from './main.ts';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `texto ARGV` in this process with in-memory streams, as the CLI tests do: what it wrote
 * on stdout and stderr, and its exit code. `env` stands for the process environment.
 */
export async function runCliInMemory(
  argv: readonly string[],
  options: { readonly stdin?: string; readonly env?: Record<string, string | undefined> } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  stdin.end(options.stdin ?? '');
  const code = await runCli(argv, { stdout, stderr, stdin, interactive: false }, options.env ?? {});
  return { code, out, err };
}
