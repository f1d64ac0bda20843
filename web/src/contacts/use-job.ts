import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.ts';

export interface Job {
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  result: unknown;
  error: string | null;
  hasRejects: boolean;
}

/** Follows a job (GET …/jobs/:id every 300 ms) until it succeeds or fails. */
export function useJob(api: ApiClient, workspaceId: string, started: Job | undefined) {
  const [job, setJob] = useState<Job | undefined>(started);
  useEffect(() => {
    setJob(started);
    if (!started) return;
    let live = true;
    const tick = async () => {
      let current = started;
      while (live && (current.state === 'queued' || current.state === 'running')) {
        await new Promise((r) => setTimeout(r, 300));
        if (!live) return;
        current = await api.get<Job>(`/api/workspaces/${workspaceId}/jobs/${started.id}`);
        if (live) setJob(current);
      }
    };
    tick().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, workspaceId, started]);
  return job;
}
