import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createJobQueue } from './job-queue.ts';

test('job queue: FIFO across compactions, drain empties it', () => {
  const q = createJobQueue<number>();
  assert.equal(q.shift(), undefined);
  for (let i = 0; i < 5000; i += 1) q.push(i);
  for (let i = 0; i < 3000; i += 1) assert.equal(q.shift(), i);
  q.push(5000);
  assert.equal(q.length, 2001);
  const rest = q.drain();
  assert.deepEqual([rest[0], rest.at(-1), rest.length], [3000, 5000, 2001]);
  assert.equal(q.length, 0);
  assert.equal(q.shift(), undefined);
});
