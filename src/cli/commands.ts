import type { Command } from './command.ts';

/** Every subcommand of `texto`, in the order --help lists them. */
export const commands: readonly Command[] = [];
