import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FillClass, fillCapacity } from './fill-capacity.ts';

const t0 = Date.parse('2026-12-07T07:00:00Z');
const s0 = t0 / 1000;

function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, i) => from + i);
}

function perSecond(plannedAt: Float64Array, parts: ArrayLike<number>): Map<number, number> {
  const load = new Map<number, number>();
  plannedAt.forEach((t, i) => {
    if (!Number.isNaN(t))
      load.set(Math.floor(t / 1000), (load.get(Math.floor(t / 1000)) ?? 0) + parts[i]!);
  });
  return load;
}

const capCases: Array<[string, number, (i: number) => number]> = [
  ['1 part, tps 1', 1, () => 1],
  ['1 part, tps 10', 10, () => 1],
  ['mixed 1-3 parts, tps 7', 7, (i) => 1 + (i % 3)],
  ['mixed 1-4 parts, tps 5', 5, (i) => 1 + ((i * 7) % 4)],
];

for (const [title, tps, partOf] of capCases) {
  test(`throughput cap never exceeded in any second: ${title}`, () => {
    const n = 2000;
    const parts = Uint8Array.from({ length: n }, (_, i) => partOf(i));
    const classes: FillClass[] = [
      { intervals: [{ start: s0, end: s0 + 3600, legalEnd: s0 + 3600 }], members: range(0, n / 2) },
      {
        intervals: [{ start: s0 + 100, end: s0 + 7200, legalEnd: s0 + 7200 }],
        members: range(n / 2, n),
      },
    ];
    const fill = fillCapacity({ classes, parts, tps, from: t0, until: t0 + 86_400_000 });
    assert.equal(fill.unplaceable, 0);
    for (const [second, load] of perSecond(fill.plannedAt, parts)) {
      assert.ok(load <= tps, `second ${second}: ${load} parts > ${tps}`);
    }
    const total = parts.reduce((a, b) => a + b, 0);
    const last = Math.max(...fill.plannedAt);
    // Messages keep id order inside a second, so a second may end a few parts short: ≥ 80% used.
    assert.ok(last < t0 + (Math.ceil(total / tps / 0.8) + 1) * 1000, 'capacity used');
  });
}

test('a message larger than the cap takes whole seconds of its own', () => {
  const parts = Uint8Array.from([3, 1, 1]);
  const fill = fillCapacity({
    classes: [
      { intervals: [{ start: s0, end: s0 + 60, legalEnd: s0 + 60 }], members: range(0, 3) },
    ],
    parts,
    tps: 2,
    from: t0,
    until: t0 + 60_000,
  });
  assert.deepEqual(
    [...fill.plannedAt].map((t) => (t - t0) / 1000),
    [0, 2, 2.5],
  );
});

test('earliest-closing window first, in id order inside a class, then the other class', () => {
  const fill = fillCapacity({
    classes: [
      { intervals: [{ start: s0, end: s0 + 100, legalEnd: s0 + 100 }], members: range(0, 2) },
      { intervals: [{ start: s0, end: s0 + 10, legalEnd: s0 + 10 }], members: range(2, 4) },
    ],
    parts: Uint8Array.from([1, 1, 1, 1]),
    tps: 1,
    from: t0,
    until: t0 + 1_000_000,
  });
  assert.deepEqual(
    [...fill.plannedAt].map((t) => (t - t0) / 1000),
    [2, 3, 0, 1],
  );
  assert.deepEqual(
    [...fill.windowEndsAt].map((t) => (t - t0) / 1000),
    [100, 100, 10, 10],
  );
});

test('a class opening later takes over when its window closes first', () => {
  const fill = fillCapacity({
    classes: [
      { intervals: [{ start: s0, end: s0 + 100, legalEnd: s0 + 100 }], members: range(0, 10) },
      { intervals: [{ start: s0 + 3, end: s0 + 5, legalEnd: s0 + 5 }], members: range(10, 12) },
    ],
    parts: new Uint8Array(12).fill(1),
    tps: 1,
    from: t0,
    until: t0 + 1_000_000,
  });
  assert.deepEqual(
    [...fill.plannedAt].map((t) => (t - t0) / 1000),
    [0, 1, 2, 5, 6, 7, 8, 9, 10, 11, 3, 4],
  );
});

test('what does not fit before `until` is unplaceable, never late', () => {
  const fill = fillCapacity({
    classes: [
      { intervals: [{ start: s0, end: s0 + 100, legalEnd: s0 + 100 }], members: range(0, 5) },
    ],
    parts: new Uint8Array(5).fill(1),
    tps: 2,
    from: t0,
    until: t0 + 1500,
  });
  assert.deepEqual(
    [...fill.plannedAt].map((t) => (Number.isNaN(t) ? null : t - t0)),
    [0, 500, 1000, null, null],
  );
  assert.equal(fill.unplaceable, 2);
  assert.ok(Number.isNaN(fill.windowEndsAt[3]!));
});

test('a start inside a second begins at the next whole second', () => {
  const fill = fillCapacity({
    classes: [
      { intervals: [{ start: s0, end: s0 + 100, legalEnd: s0 + 100 }], members: range(0, 1) },
    ],
    parts: Uint8Array.from([1]),
    tps: 1,
    from: t0 + 1,
    until: t0 + 100_000,
  });
  assert.equal(fill.plannedAt[0], t0 + 1000);
});
