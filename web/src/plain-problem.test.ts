import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainProblem } from './plain-problem.ts';

test('the validator’s messages in plain words, other messages as they are', () => {
  const cases: Array<[string, string, string]> = [
    ['Too small: expected string to have >=1 characters', 'obligatoire', 'required'],
    [
      'Too big: expected string to have <=80 characters',
      '80 caractères au plus',
      'at most 80 characters',
    ],
    ['Too small: expected number to be >=1', '1 au moins', 'at least 1'],
    [
      'Invalid option: expected one of "F"|"M"|"X"',
      'valeur non reconnue ; attendu : F, M ou X',
      'not a known value; expected F, M or X',
    ],
    ['Invalid input: expected number, received string', 'un nombre attendu', 'number expected'],
    [
      'Too small: expected array to have >=1 items',
      'choisissez-en au moins un',
      'choose at least one',
    ],
    [
      'the first bound must not exceed the second',
      'the first bound must not exceed the second',
      'the first bound must not exceed the second',
    ],
  ];
  for (const [message, fr, en] of cases) {
    assert.equal(plainProblem(message, 'fr'), fr, message);
    assert.equal(plainProblem(message, 'en'), en, message);
  }
});
