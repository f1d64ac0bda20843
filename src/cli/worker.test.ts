/**
 * `texto worker` as a real process against the simulator SMSC on loopback: killed with SIGKILL
 * mid-campaign and restarted. Nothing is submitted twice (the SMSC records every submit), every
 * message is accounted for, none leaves outside its window, a clean stop leaves nothing claimed.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  countStates,
  readMessages,
  seedCampaign,
  tuesdayMorning,
  waitUntil,
} from '../dispatch/dispatch-test-kit.ts';
import { openStore } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import { startSmscServer } from '../transports/smsc-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function startWorker(env: Record<string, string>): {
  child: ChildProcess;
  output: Promise<string>;
} {
  const child = spawn(
    process.execPath,
    ['bin/texto.js', 'worker', '--json', '--clock-start', new Date(tuesdayMorning).toISOString()],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const output = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
  return { child, output };
}

test('worker killed with SIGKILL mid-campaign and restarted: at most once, all accounted for', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'texto-worker-'));
  const smsc = await startSmscServer({ dlrDelayMs: 0, responseDelayMs: 150 });
  t.after(async () => {
    await smsc.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const store = openStore({ dataDir: dir });
  await migrateStore(store, new Date(tuesdayMorning));
  const { id } = await seedCampaign(store, { count: 30, plannedAt: tuesdayMorning });
  const env = {
    TEXTO_DATA_DIR: dir,
    TEXTO_TRANSPORT: `smpp://texto:pw@127.0.0.1:${smsc.port}?tps=20&window=5`,
  };

  const first = startWorker(env);
  // A failed assertion must not leave a worker running (the test file would never end).
  t.after(() => {
    first.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
  });
  let second: ReturnType<typeof startWorker> | undefined;
  // Generous: starting a process through tsx takes seconds when the suite loads both cores.
  assert.ok(await waitUntil(() => smsc.submits.length >= 6, 30_000), 'the first worker sends');
  first.child.kill('SIGKILL');
  await first.output;
  const atKill = smsc.submits.length;

  second = startWorker(env);
  const settled = await waitUntil(async () => {
    const states = countStates(await readMessages(store, id));
    return !states.planned && !states.claimed && !states.submitting && !states.submitted;
  }, 40_000);
  second.child.kill('SIGTERM');
  const output = await second.output;
  assert.equal(second.child.exitCode, 0, output);
  assert.ok(settled, JSON.stringify(countStates(await readMessages(store, id))));

  const destinations = smsc.submits.map((s) => `+${s.destination}`);
  assert.equal(new Set(destinations).size, destinations.length, 'a message was submitted twice');
  assert.ok(smsc.submits.length > atKill, 'the restarted worker went on');
  const rows = await readMessages(store, id);
  const states = countStates(rows);
  assert.equal((states.delivered ?? 0) + (states.unknown ?? 0), 30, JSON.stringify(states));
  assert.ok((states.unknown ?? 0) > 0, 'the killed worker left messages in flight: unknown');
  for (const r of rows) {
    if (r.state === 'delivered') assert.ok(destinations.includes(r.phone));
  }
  for (const s of smsc.submits) {
    assert.equal(new Date(s.validityPeriod as Date).toISOString(), '2026-12-01T19:00:00.000Z');
  }
  const stats = JSON.parse(output.slice(output.indexOf('{'))) as { recoveredUnknown: number };
  assert.equal(stats.recoveredUnknown, states.unknown);
  await store.close();
});
