import type { Command } from './command.ts';
import { messageCheck } from './message-check.ts';
import { numberParse } from './number-parse.ts';
import { smsc } from './smsc.ts';
import { windowCalendar } from './window-calendar.ts';
import { windowCheck } from './window-check.ts';

/** Every subcommand of `texto`, in the order --help lists them. */
export const commands: readonly Command[] = [
  messageCheck,
  numberParse,
  windowCheck,
  windowCalendar,
  smsc,
];
