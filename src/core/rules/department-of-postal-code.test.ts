import assert from 'node:assert/strict';
import { test } from 'node:test';
import { departmentOfPostalCode } from './department-of-postal-code.ts';

test('postal code to département (HOL-03 needs 57, 67, 68)', () => {
  const cases: Array<[string, string | null]> = [
    ['75001', '75'],
    ['01000', '01'],
    ['57000', '57'],
    ['67000', '67'],
    ['68100', '68'],
    ['20000', '2A'],
    ['20190', '2A'],
    ['20200', '2B'],
    ['20600', '2B'],
    ['20700', null],
    ['97100', '971'],
    ['97110', '971'],
    ['97133', '977'], // Saint-Barthélemy's postal code sits in Guadeloupe's 971 range
    ['97150', '978'], // Saint-Martin, likewise
    ['97500', '975'],
    ['98000', null], // Monaco
    ['97400', '974'],
    ['97600', '976'],
    ['98714', '987'],
    ['00100', null],
    ['7500', null],
    ['750011', null],
    ['ABCDE', null],
    [' 69001 ', '69'],
  ];
  for (const [code, department] of cases)
    assert.equal(departmentOfPostalCode(code), department, code);
});
