/**
 * The one error type of the domain. Codes are strings with no HTTP status: the API maps them
 * to statuses in one place, the CLI to exit codes. Expected outcomes are values, not errors;
 * a DomainError means the caller asked for something that cannot be done as asked.
 */
export const domainErrorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'refused',
  'forbidden',
  'unauthenticated',
  'rate_limited',
  'unavailable',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: unknown;

  constructor(code: DomainErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
