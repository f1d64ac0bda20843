import {
  type AudienceColumnCache,
  createAudienceColumnCache,
} from '../store/audience-column-cache.ts';
import type { Store } from '../store/db.ts';

const caches = new WeakMap<Store, AudienceColumnCache>();

/**
 * The in-memory column cache of a long-lived process (the API server), one per store: audience
 * counts come from memory when the workspace's data fingerprint still matches, else from SQL
 * while the cache reloads in the background (never stale; see audience-column-cache.ts).
 */
export function audienceCacheFor(store: Store): AudienceColumnCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = createAudienceColumnCache();
    caches.set(store, cache);
  }
  return cache;
}
