import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from './api-client.ts';
import { readFieldErrors } from './field-errors.ts';

test('API errors land next to the field they name', () => {
  const table: Array<[unknown, Record<string, string>]> = [
    [
      new ApiError(400, 'invalid_input', 'body.stopCode: must be…', {
        problems: [{ where: 'body', path: 'stopCode', message: 'must be a 5-digit short code' }],
      }),
      { stopCode: 'must be a 5-digit short code' },
    ],
    [
      new ApiError(400, 'invalid_input', 'x', {
        issues: [{ path: 'all[1].in', message: 'must be a département code' }],
      }),
      { 'all[1].in': 'must be a département code' },
    ],
    [
      new ApiError(400, 'invalid_input', 'x', { problems: ['password: too short'] }),
      { password: 'too short' },
    ],
    [
      new ApiError(409, 'conflict', "workspace name 'A' is taken", { field: 'name' }),
      { name: "workspace name 'A' is taken" },
    ],
    [
      new ApiError(400, 'invalid_input', 'invalid audience name at name: must be 1 to 80 letters'),
      { name: 'must be 1 to 80 letters' },
    ],
    [
      new ApiError(401, 'unauthenticated', 'wrong email or password'),
      { '': 'wrong email or password' },
    ],
    [new Error('network down'), { '': 'network down' }],
  ];
  for (const [error, expected] of table) assert.deepEqual(readFieldErrors(error), expected);
});
