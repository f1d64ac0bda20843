import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type DomainErrorCode, isDomainError } from '../core/domain-error.ts';

/** The one place where error codes become HTTP statuses. */
export const statusByCode: Readonly<Record<DomainErrorCode | 'internal', ContentfulStatusCode>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  refused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** `{ "error": { "code", "message", "details"? } }`, the body of every non-2xx answer. */
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(statusByCode) as [DomainErrorCode | 'internal']),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

/**
 * The answer to a thrown error. A DomainError keeps its code, message and details; anything
 * else is a bug or an outage and says only "internal error" (the log has the rest).
 */
export function respondWithError(c: Context, error: unknown): Response {
  if (!isDomainError(error)) {
    const body: ErrorEnvelope = { error: { code: 'internal', message: 'internal error' } };
    return c.json(body, 500);
  }
  const body: ErrorEnvelope = {
    error:
      error.details === undefined
        ? { code: error.code, message: error.message }
        : { code: error.code, message: error.message, details: error.details },
  };
  const retry = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (error.code === 'rate_limited' && typeof retry === 'number') {
    c.header('Retry-After', String(retry));
  }
  return c.json(body, statusByCode[error.code]);
}
