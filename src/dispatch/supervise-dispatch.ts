import type { DispatchRuntime } from './start-dispatch.ts';

/** How the sending loop of a long-running process is doing, for the health check. */
export type DispatchState = 'running' | 'restarting' | 'stopped';

export interface SupervisedDispatch {
  state(): DispatchState;
  stop(): Promise<void>;
}

/**
 * Keeps a dispatcher running in a process that also serves the API (`npm start`). A dispatcher
 * stops on an error it cannot judge (a database lock held past the busy timeout, a gateway that
 * cannot be opened); `texto worker` then exits for its supervisor to restart it, but here the
 * process lives on, and sending used to stop for good while the health check said ok. The
 * failed runtime is closed (its claimed messages released), a new one is started after
 * `retryMs`, doubling to a minute, and `state()` says `restarting` meanwhile.
 */
export function superviseDispatch(
  start: () => Promise<DispatchRuntime>,
  log: (line: string) => void,
  retryMs = 5_000,
): SupervisedDispatch {
  let state: DispatchState = 'restarting';
  let stopping = false;
  let current: DispatchRuntime | null = null;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    let delay = retryMs;
    while (!stopping) {
      try {
        current = await start();
        if (stopping) break;
        state = 'running';
        await current.dispatcher.run();
        delay = retryMs;
      } catch (error) {
        state = 'restarting';
        const why = error instanceof Error ? error.message : String(error);
        log(`dispatch stopped: ${why}; restarting in ${Math.round(delay / 1000)} s`);
        await current?.close().catch(() => {});
        current = null;
        await pause(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  })();
  return {
    state: () => state,
    async stop() {
      stopping = true;
      wake?.();
      await current?.close();
      await loop;
      state = 'stopped';
    },
  };
}
