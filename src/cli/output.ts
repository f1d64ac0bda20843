import { createInterface } from 'node:readline';
import { isDomainError } from '../core/domain-error.ts';
import type { Io } from './command.ts';

export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(io: Io, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** The error shape shared by the CLI's JSON output and the API's envelope. */
export function errorObject(error: unknown): { code: string; message: string; details?: unknown } {
  if (isDomainError(error)) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Reads one JSON object a line on stdin and writes one result a line, in order. A bad line
 * yields `{ line, error }` for that line and the rest go on. Returns whether every line was
 * read and handled without error, and whether every result was ok.
 */
export async function runNdjson<T>(
  io: Io,
  handle: (input: unknown, line: number) => Promise<{ result: T; ok: boolean }>,
): Promise<{ errors: number; refused: number }> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let errors = 0;
  let refused = 0;
  for await (const raw of lines) {
    line += 1;
    if (raw.trim() === '') continue;
    try {
      let input: unknown;
      try {
        input = JSON.parse(raw);
      } catch {
        throw Object.assign(new Error(`line ${line}: not valid JSON`), { code: 'invalid_input' });
      }
      const { result, ok } = await handle(input, line);
      if (!ok) refused += 1;
      io.stdout.write(`${JSON.stringify(result)}\n`);
    } catch (error) {
      errors += 1;
      const e = error as { code?: string; message?: string };
      const described = isDomainError(error)
        ? errorObject(error)
        : { code: e.code ?? 'invalid_input', message: e.message ?? String(error) };
      io.stdout.write(`${JSON.stringify({ line, error: described })}\n`);
    }
  }
  return { errors, refused };
}
