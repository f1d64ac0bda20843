import { z } from 'zod';
import type { Config } from '../config.ts';
import { DomainError } from '../core/domain-error.ts';
import {
  checkMessage as checkMessageText,
  type MessageCheck,
} from '../core/message/check-message.ts';
import { defaultSenderDenylist } from '../core/message/default-sender-denylist.ts';
import { messagePurposes } from '../core/message/message-purpose.ts';

/**
 * One message check request, as the CLI (--ndjson lines, options) and the API receive it.
 * Unknown fields are refused so that a typo ("stopcode") is not silently ignored.
 */
export const messageCheckRequest = z.strictObject({
  text: z.string({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
  }),
  sender: z.string({ error: 'must be a string' }).optional(),
  stopCode: z
    .string({ error: 'must be a string' })
    .regex(/^3\d{4}$/, 'must be a 5-digit short code starting with 3, e.g. 36180')
    .optional(),
  purpose: z.enum(messagePurposes, { error: 'must be promotional or transactional' }).optional(),
  maxParts: z
    .number({ error: 'must be a whole number from 1 to 10' })
    .int('must be a whole number from 1 to 10')
    .min(1, 'must be a whole number from 1 to 10')
    .max(10, 'must be a whole number from 1 to 10')
    .optional(),
  transliterate: z.boolean({ error: 'must be true or false' }).optional(),
  appendStop: z.boolean({ error: 'must be true or false' }).optional(),
});

export type MessageCheckRequest = z.infer<typeof messageCheckRequest>;

/**
 * Checks one message text against the configuration's policy (STOP code, max parts, sender
 * deny list); fields of the request override the configuration. Bad input throws
 * DomainError('invalid_input') naming the field (`label` renames fields, e.g. to CLI options).
 */
export function checkMessage(
  config: Config,
  input: unknown,
  label: (field: string) => string = (field) => field,
): MessageCheck {
  const parsed = messageCheckRequest.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const field = i.path.join('.');
      if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.join(', ')}`;
      return `${field === '' ? 'input' : label(field)}: ${i.message}`;
    });
    throw new DomainError('invalid_input', problems.join('; '), { problems });
  }
  const request = parsed.data;
  return checkMessageText(request.text, {
    sender: request.sender,
    purpose: request.purpose ?? 'promotional',
    stopCode: request.stopCode ?? config.stopCode,
    maxParts: request.maxParts ?? config.maxParts,
    transliterate: request.transliterate ?? false,
    appendStop: request.appendStop ?? false,
    senderDenylist: config.senderDenylist ?? defaultSenderDenylist,
  });
}
