import type { AudienceNode } from '../core/audience/audience-node.ts';
import {
  type AudienceColumns,
  indexAudienceColumns,
  matchColumns,
  UnsupportedByColumns,
} from './audience-columns.ts';
import type { Store } from './db.ts';
import { audienceFingerprint, loadAudienceColumns } from './load-audience-columns.ts';
import { tallyColumns } from './tally-audience-columns.ts';

interface Entry {
  readonly fingerprint: string;
  readonly columns: AudienceColumns;
}

export type ColumnAnswer = ReturnType<typeof tallyColumns>;

/**
 * Column stores per workspace for a long-lived process (API server, worker): a count is
 * answered from memory only when the store's fingerprint (last contact update, suppression
 * changes) still matches the one read before loading; otherwise the caller falls back to SQL
 * and a reload starts in the background. Never answers from stale data.
 */
export interface AudienceColumnCache {
  answer(
    store: Store,
    workspaceId: string,
    filter: AudienceNode,
    at: string,
    breakdown: readonly string[],
  ): Promise<ColumnAnswer | undefined>;
  /** Loads (or reloads) a workspace now; resolves when ready. */
  warm(store: Store, workspaceId: string): Promise<AudienceColumns>;
  /** Forgets a workspace (e.g. after deleting contacts, which the fingerprint does not see). */
  invalidate(workspaceId?: string): void;
}

export function createAudienceColumnCache(): AudienceColumnCache {
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<AudienceColumns>>();

  async function load(store: Store, workspaceId: string): Promise<AudienceColumns> {
    const fingerprint = await audienceFingerprint(store, workspaceId);
    const columns = await loadAudienceColumns(store, workspaceId);
    indexAudienceColumns(columns);
    entries.set(workspaceId, { fingerprint, columns });
    return columns;
  }

  function warm(store: Store, workspaceId: string): Promise<AudienceColumns> {
    const pending = loading.get(workspaceId);
    if (pending) return pending;
    const started = load(store, workspaceId).finally(() => loading.delete(workspaceId));
    loading.set(workspaceId, started);
    return started;
  }

  return {
    async answer(store, workspaceId, filter, at, breakdown) {
      const entry = entries.get(workspaceId);
      const fingerprint = await audienceFingerprint(store, workspaceId);
      if (!entry || entry.fingerprint !== fingerprint) {
        warm(store, workspaceId).catch(() => entries.delete(workspaceId));
        return undefined;
      }
      try {
        return tallyColumns(entry.columns, matchColumns(entry.columns, filter, at), at, breakdown);
      } catch (error) {
        if (error instanceof UnsupportedByColumns) return undefined;
        throw error;
      }
    },
    warm,
    invalidate(workspaceId) {
      if (workspaceId === undefined) entries.clear();
      else entries.delete(workspaceId);
    },
  };
}
