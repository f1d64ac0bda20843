import type { Store } from '../store/db.ts';
import { listAllSeeds } from '../store/lists.ts';
import { checkSeedDelivery } from './licences.ts';

export interface SentMessage {
  readonly workspaceId: string;
  readonly campaignId: string;
  readonly phone: string;
}

/**
 * Watches what the dispatcher hands to the gateway for the providers' seed numbers (LIST-05):
 * a seed reached outside a licensed campaign of its list raises a misuse alert. The seed set is
 * held in memory and re-read every `refreshMs`, so that the common case (not a seed) costs a
 * Set lookup, not a query per message.
 */
export function createSeedWatch(
  store: Store,
  options: { readonly refreshMs?: number; readonly now?: () => Date } = {},
): (message: SentMessage) => Promise<{ alerts: number }> {
  const refreshMs = options.refreshMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  let seeds: Promise<Set<string>> | null = null;
  let loadedAt = 0;
  return async (message) => {
    const at = now();
    if (!seeds || at.getTime() - loadedAt >= refreshMs) {
      seeds = listAllSeeds(store.db);
      loadedAt = at.getTime();
    }
    if (!(await seeds).has(message.phone)) return { alerts: 0 };
    return checkSeedDelivery(store, message, at);
  };
}
