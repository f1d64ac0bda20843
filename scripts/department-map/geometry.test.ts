import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insetFrames } from '../../web/src/audience/department-layout.ts';
import { departmentShapes } from '../../web/src/audience/department-shapes.ts';
import {
  boundsOf,
  decodeArcs,
  formatPath,
  parseRelativePath,
  projectIntoFrame,
  type Ring,
  ringArea,
  ringOfArcs,
  simplifyRing,
} from './geometry.ts';

test('relative SVG rings: implicit line-tos, and a new ring starts from the closed one', () => {
  assert.deepEqual(parseRelativePath('m 10,20 5,0 0,5 z m 1,1 2,0 0,2 z'), [
    [
      [10, 20],
      [15, 20],
      [15, 25],
    ],
    [
      [11, 21],
      [13, 21],
      [13, 23],
    ],
  ]);
  assert.throws(() => parseRelativePath('m 0,0 c 1,1 2,2 3,3 z'), /command 'c' is not supported/);
});

test('TopoJSON arcs are delta-decoded, de-quantized and joined without doubled ends', () => {
  const arcs = decodeArcs({
    transform: { scale: [0.5, 0.25], translate: [10, 40] },
    arcs: [
      [
        [0, 0],
        [2, 0],
        [0, 4],
      ],
      [
        [0, 0],
        [2, 4],
      ],
    ],
  });
  assert.deepEqual(arcs[0], [
    [10, 40],
    [11, 40],
    [11, 41],
  ]);
  // The second arc runs from (10,40) to (11,41); reversed (~1) it closes the first one.
  assert.deepEqual(ringOfArcs(arcs, [0, ~1]), [
    [10, 40],
    [11, 40],
    [11, 41],
    [10, 40],
  ]);
});

test('projection fits the frame, keeps north up and the width shrunk by cos(latitude)', () => {
  // A 1°×1° square at 60°N is half as wide as it is tall once projected.
  const square: Ring = [
    [10, 59.5],
    [11, 59.5],
    [11, 60.5],
    [10, 60.5],
  ];
  const [ring] = projectIntoFrame([square], { x: 100, y: 0, width: 100, height: 50 });
  const b = boundsOf([ring as Ring]);
  assert.ok(Math.abs(b.height - 50) < 1e-9, 'fills the frame height');
  assert.ok(Math.abs(b.width - 25) < 0.2, `width ${b.width} ≈ 25`);
  assert.ok(Math.abs(b.x + b.width / 2 - 150) < 1e-9, 'centred');
  assert.ok((ring as Ring)[0]![1] > (ring as Ring)[3]![1], 'the south edge is lower on screen');
});

test('simplification drops near-collinear points and keeps the area', () => {
  // A 100×100 square with a wobble of 0.1 every unit on its top edge.
  const ring: Ring = [[0, 0]];
  for (let x = 1; x < 100; x++) ring.push([x, x % 2 === 0 ? 0.1 : 0]);
  ring.push([100, 0], [100, 100], [0, 100]);
  const simple = simplifyRing(ring, 0.3);
  assert.equal(simple.length, 4);
  assert.ok(Math.abs(ringArea(simple) - 10_000) < 10);
  // A spike wider than the tolerance survives.
  ring.splice(50, 0, [50, -5]);
  assert.ok(simplifyRing(ring, 0.3).some(([x, y]) => x === 50 && y === -5));
});

test('path data: absolute start, relative steps from rounded points, no leading zeros', () => {
  const d = formatPath([
    [
      [1.04, 2],
      [1.56, 2],
      [1.56, 2.01],
      [1.56, 0.5],
    ],
    [
      [0, 0],
      [0.01, 0],
    ],
  ]);
  assert.equal(d, 'M1 2l.6 0 0-1.5z', 'the repeated point and the collapsed ring are dropped');
});

test('the generated map has every metropolitan, Corsican and overseas département once', () => {
  const codes = departmentShapes.map((s) => s.code);
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(codes.length, 101);
  for (const code of ['01', '2A', '2B', '75', '95', '971', '972', '973', '974', '976']) {
    assert.ok(codes.includes(code), code);
  }
  assert.equal(departmentShapes.find((s) => s.code === '974')?.name, 'La Réunion');
  assert.deepEqual(
    insetFrames.map((f) => f.code),
    ['971', '972', '973', '974', '976'],
  );
  for (const s of departmentShapes) assert.match(s.d, /^M[\d.]+ [\d.]+l[-\d. ]+z/, s.code);
});
