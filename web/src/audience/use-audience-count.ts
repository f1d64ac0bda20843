import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { readFieldErrors } from '../field-errors.ts';
import { buildFilter, type FilterRow, findRowOfPath } from './filter-rows.ts';

export interface AudienceCount {
  matched: number;
  reachable: number;
  excluded: { suppressed: number; noConsent: number; invalid: number };
  breakdown: Record<string, Record<string, number>>;
  durationMs: number;
}

/** The live count of the builder's filter (POST …/audiences/count), a moment after each change. */
export function useAudienceCount(api: ApiClient, workspaceId: string, rows: FilterRow[]) {
  const [count, setCount] = useState<AudienceCount | undefined>();
  const [errors, setErrors] = useState<{ rows: Record<number, string>; form: string }>({
    rows: {},
    form: '',
  });
  const filter = JSON.stringify(buildFilter(rows));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `filter` is what `rows` send
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .post<AudienceCount>(`/api/workspaces/${workspaceId}/audiences/count`, {
          filter: JSON.parse(filter),
          breakdown: ['department', 'age', 'gender'],
        })
        .then(
          (answer) => {
            if (!live) return;
            setCount(answer);
            setErrors({ rows: {}, form: '' });
          },
          (error: unknown) => {
            if (!live) return;
            const byRow: Record<number, string> = {};
            let form = '';
            for (const [path, message] of Object.entries(readFieldErrors(error))) {
              const row = findRowOfPath(path.replace(/^filter\./, ''), rows);
              if (row === undefined) form = form || message;
              else byRow[row] = message;
            }
            setErrors({ rows: byRow, form });
            // No figure for a filter the server refused: the last valid count would be taken
            // for this one's.
            setCount(undefined);
          },
        );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, workspaceId, filter]);
  return { count, errors, filter: JSON.parse(filter) as { all: unknown[] } };
}
