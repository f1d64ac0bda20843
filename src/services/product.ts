import type { Store } from '../store/db.ts';
import { type DemoSeed, seedDemo } from './demo-seed.ts';
import { recoverJobs, settleJobs } from './jobs.ts';
import { type DeliverOptions, startWebhookWorker } from './webhooks.ts';

export interface ProductPreparation {
  readonly demo: DemoSeed | null;
  /** Jobs a previous process left unfinished, now marked failed. */
  readonly abandonedJobs: number;
}

/**
 * What `npm start` does to a migrated database before serving: jobs of a stopped process are
 * closed as failed, and an empty database gets the demo (unless `seed` is false).
 */
export async function prepareProduct(
  store: Store,
  options: {
    now: Date;
    seed: false | { password?: string; listSize?: number; ownContacts?: number; stopCode?: string };
  },
): Promise<ProductPreparation> {
  const abandonedJobs = await recoverJobs(store, options.now);
  const demo = options.seed === false ? null : await seedDemo(store, options.now, options.seed);
  return { demo, abandonedJobs };
}

/** The background work of the product besides dispatch: webhook events and deliveries. */
export function startProductWorkers(
  store: Store,
  options: DeliverOptions & { webhookIntervalMs?: number; log?: (line: string) => void },
): { stop(): Promise<void> } {
  const webhooks = startWebhookWorker(store, {
    ...options,
    intervalMs: options.webhookIntervalMs ?? 1000,
  });
  return {
    async stop() {
      await webhooks.stop();
      await settleJobs();
    },
  };
}
