import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';

/**
 * Cursor pagination: `?limit=1..200` (default 50) and `?cursor=` taken from the previous
 * page's `nextCursor`; `nextCursor` is null on the last page. A cursor is opaque to clients
 * (base64url of the last item's sort key) and stays valid while rows are added.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export type PageQuery = z.output<typeof pageQuery>;

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** The sort key inside a cursor, checked by `key`; DomainError('invalid_input') if forged. */
export function readCursor<K>(cursor: string | undefined, key: z.ZodType<K>): K | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = key.safeParse((decoded as { k?: unknown } | undefined)?.k);
  if (!parsed.success) {
    throw new DomainError('invalid_input', 'query.cursor: not a cursor of this list', {
      problems: [{ where: 'query', path: 'cursor', message: 'not a cursor of this list' }],
    });
  }
  return parsed.data;
}

/**
 * One page from `rows` fetched with `limit + 1`: the extra row only says that more exist.
 */
export function pageOf<T, R>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => string | number,
  view: (row: T) => R,
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? Buffer.from(JSON.stringify({ k: keyOf(last) })).toString('base64url')
      : null;
  return { items: items.map(view), nextCursor };
}
