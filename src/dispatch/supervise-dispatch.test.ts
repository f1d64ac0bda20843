import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DispatchRuntime } from './start-dispatch.ts';
import { superviseDispatch } from './supervise-dispatch.ts';

/** A runtime whose run fails with `error`, or runs until closed. */
function fakeRuntime(error: Error | null, closed: string[], name: string): DispatchRuntime {
  let release: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    dispatcher: {
      run: async () => {
        if (error) throw error;
        await running;
      },
    },
    close: async () => {
      closed.push(name);
      release();
    },
  } as unknown as DispatchRuntime;
}

test('a dispatcher that stops on an error is closed and started again; stop ends it', async () => {
  const closed: string[] = [];
  const lines: string[] = [];
  let starts = 0;
  const supervised = superviseDispatch(
    async () => {
      starts += 1;
      return fakeRuntime(
        starts === 1 ? new Error('database is locked') : null,
        closed,
        `#${starts}`,
      );
    },
    (line) => lines.push(line),
    20,
  );
  assert.equal(supervised.state(), 'restarting');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(starts, 2);
  assert.equal(supervised.state(), 'running');
  assert.deepEqual(closed, ['#1'], 'the failed runtime released what it held');
  assert.deepEqual(lines, ['dispatch stopped: database is locked; restarting in 0 s']);
  await supervised.stop();
  assert.equal(supervised.state(), 'stopped');
  assert.deepEqual(closed, ['#1', '#2']);
});

test('a dispatcher that cannot even start is retried, and stop does not wait for the pause', async () => {
  const lines: string[] = [];
  const supervised = superviseDispatch(
    async () => {
      throw new Error('kannel transport needs listen');
    },
    (line) => lines.push(line),
    60_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(supervised.state(), 'restarting');
  assert.match(lines[0] ?? '', /kannel transport needs listen; restarting in 60 s/);
  const started = Date.now();
  await supervised.stop();
  assert.ok(Date.now() - started < 1000);
});
