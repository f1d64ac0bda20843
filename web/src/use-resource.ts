import { useCallback, useEffect, useState } from 'react';

/** Loads something from the API; `reload` runs it again (after a change). */
/** `key` names what `load` reads: a new key loads again. */
export function useResource<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for what `load` reads
  const reload = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}
