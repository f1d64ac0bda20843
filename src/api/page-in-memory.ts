import { z } from 'zod';
import { pageOf, readCursor } from './pagination.ts';

/**
 * Cursor pagination over a list a service returns whole (sorted by `keyOf`, ascending): the
 * page after the cursor's key. For lists that stay small per workspace (suppressions, lists…).
 */
export function pageInMemory<T, R>(
  rows: readonly T[],
  query: { limit: number; cursor?: string | undefined },
  keyOf: (row: T) => string,
  view: (row: T) => R,
) {
  const after = readCursor(query.cursor, z.string());
  const sorted = [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((r) => keyOf(r) > after);
  return pageOf(rest.slice(0, query.limit + 1), query.limit, keyOf, view);
}
