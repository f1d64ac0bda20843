#!/usr/bin/env node
// Runs the TypeScript sources through tsx: no build step between a clone and `npx texto`.
import { register } from 'tsx/esm/api';

register();
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
