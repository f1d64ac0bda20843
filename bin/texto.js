#!/usr/bin/env node
// Runs the TypeScript sources through tsx: no build step between a clone and `npx texto`.
import { register } from 'tsx/esm/api';

register();
// A reader that closes the pipe early (`texto --help | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: Boolean(process.stdout.isTTY),
  },
  process.env,
);
