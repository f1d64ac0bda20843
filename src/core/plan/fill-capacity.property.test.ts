import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fillCapacity } from './fill-capacity.ts';

const base = 1_800_000_000; // epoch seconds

const intervalsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 120 })), {
    minLength: 0,
    maxLength: 6,
  })
  .map((pairs) => {
    const out: Array<{ start: number; end: number; legalEnd: number }> = [];
    let t = base;
    for (const [gap, length] of pairs) {
      const start = t + gap;
      out.push({ start, end: start + length, legalEnd: start + length + 60 });
      t = start + length;
    }
    return out;
  });

const inputArb = fc.record({
  classes: fc.array(fc.record({ intervals: intervalsArb, size: fc.integer({ min: 0, max: 40 }) }), {
    minLength: 1,
    maxLength: 5,
  }),
  tps: fc.integer({ min: 1, max: 6 }),
  maxParts: fc.integer({ min: 1, max: 4 }),
  fromOffsetMs: fc.integer({ min: 0, max: 200_000 }),
  untilOffsetS: fc.integer({ min: 1, max: 3000 }),
  seed: fc.integer(),
});

test('property: cap per second, inside the class interval, id order, nothing late', () => {
  fc.assert(
    fc.property(inputArb, (input) => {
      let next = 0;
      const classes = input.classes.map((c) => ({
        intervals: c.intervals,
        members: Int32Array.from({ length: c.size }, () => next++),
      }));
      const parts = Uint8Array.from(
        { length: next },
        (_, i) => 1 + (Math.abs(input.seed + i * 31) % input.maxParts),
      );
      const from = base * 1000 + input.fromOffsetMs;
      const until = base * 1000 + input.untilOffsetS * 1000;
      const fill = fillCapacity({ classes, parts, tps: input.tps, from, until });
      const load = new Map<number, number>();
      for (const cls of classes) {
        let previous = Number.NEGATIVE_INFINITY;
        let placedBefore = true;
        for (const m of cls.members) {
          const at = fill.plannedAt[m]!;
          if (Number.isNaN(at)) {
            placedBefore = false;
            continue;
          }
          assert.ok(placedBefore, 'a later member is never placed after an unplaced one');
          assert.ok(at >= from && at < until, 'within [from, until)');
          assert.ok(at >= previous, 'id order inside a class');
          previous = at;
          const interval = cls.intervals.find((w) => at >= w.start * 1000 && at < w.end * 1000);
          assert.ok(interval, 'inside one of its intervals');
          assert.equal(fill.windowEndsAt[m], interval.legalEnd * 1000);
          const second = Math.floor(at / 1000);
          load.set(second, (load.get(second) ?? 0) + parts[m]!);
        }
      }
      for (const [second, l] of load) {
        // A message larger than the cap is alone in its second.
        assert.ok(l <= Math.max(input.tps, input.maxParts), `second ${second} carries ${l}`);
        if (l > input.tps) assert.ok(input.maxParts > input.tps);
      }
      assert.equal(fill.placed + fill.unplaceable, next);
    }),
    { numRuns: 300 },
  );
});
