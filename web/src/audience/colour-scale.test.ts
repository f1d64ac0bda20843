import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildColourScale, classColours, emptyColour } from './colour-scale.ts';

test('five whole-number classes from 1 to the largest count, zero grey', () => {
  const { classes, colourOf } = buildColourScale([0, 3, 50, 12]);
  assert.deepEqual(
    classes.map((k) => [k.from, k.to]),
    [
      [1, 10],
      [11, 20],
      [21, 30],
      [31, 40],
      [41, 50],
    ],
  );
  assert.deepEqual(
    classes.map((k) => k.colour),
    [...classColours],
  );
  assert.equal(colourOf(0), emptyColour);
  assert.equal(colourOf(1), classColours[0]);
  assert.equal(colourOf(10), classColours[0]);
  assert.equal(colourOf(11), classColours[1]);
  assert.equal(colourOf(50), classColours[4]);
});

test('small counts get fewer classes, lightest and darkest kept apart', () => {
  const two = buildColourScale([1, 2]);
  assert.deepEqual(
    two.classes.map((k) => [k.from, k.to, k.colour]),
    [
      [1, 1, classColours[0]],
      [2, 2, classColours[4]],
    ],
  );
  assert.deepEqual(buildColourScale([]).classes, []);
  assert.deepEqual(buildColourScale([0, 0]).classes, []);
  assert.equal(buildColourScale([0]).colourOf(0), emptyColour);
});

test('a count that is not a whole number >= 0 is refused, naming the value', () => {
  assert.throws(() => buildColourScale([3, -1]), /counts: -1 is not a whole count/);
  assert.throws(() => buildColourScale([1.5]), /counts: 1.5/);
});
