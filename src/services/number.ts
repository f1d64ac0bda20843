import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { type ParsedNumber, parseNumber } from '../core/phone/parse-number.ts';

/** One `number parse` request: a CLI argument or an NDJSON line {"number", "region"?}. */
export const numberParseRequest = z.strictObject({
  number: z.string({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
  }),
  region: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO region, e.g. FR')
    .optional(),
});

/**
 * Parses and normalises one phone number (default region FR): E.164, territories, zones, rule
 * pack. An unparsable or invalid number is a result with its reason, not an error; only a
 * malformed request (or unknown region) throws DomainError('invalid_input').
 */
export function describeNumber(input: unknown): ParsedNumber {
  const parsed = numberParseRequest.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  return parseNumber(parsed.data.number, (parsed.data.region ?? 'FR').toUpperCase());
}

export function invalid(
  error: z.ZodError,
  label: (field: string) => string = (f) => f,
): DomainError {
  const problems = error.issues.map((i) => {
    const field = i.path.join('.');
    if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.join(', ')}`;
    return `${field === '' ? 'input' : label(field)}: ${i.message}`;
  });
  return new DomainError('invalid_input', problems.join('; '), { problems });
}
