import { wireDispatch } from './app/wire-dispatch.ts';
import type { Config } from './config.ts';
import { type DispatchRuntime, startDispatch } from './dispatch/start-dispatch.ts';
import { openStore, type Store } from './store/db.ts';
import { migrateStore } from './store/migrate.ts';

/**
 * The composition root: wires configuration, store, services and transports. Nothing else
 * builds services or reads the configuration; nothing here is global.
 */
export interface App {
  readonly config: Config;
  /**
   * The database, opened and migrated on first call only (so `message check` never opens
   * one). Migrating is idempotent and cheap once applied.
   */
  store(): Promise<Store>;
  /** The database opened without migrating (for `texto db migrate`). */
  rawStore(): Store;
  /**
   * A dispatcher on the configured transport (TEXTO_TRANSPORT): replies go to the inbound
   * service (STOP handling), receipts to the dispatcher. The caller closes it.
   */
  dispatch(options?: {
    campaignId?: string;
    log?: (line: string) => void;
    /** The dispatcher's clock (tests and demos on a loopback gateway). */
    clock?: () => number;
  }): Promise<DispatchRuntime>;
  close(): Promise<void>;
}

export function createApp(config: Config): App {
  let raw: Store | undefined;
  let migrated: Promise<Store> | undefined;
  const rawStore = () => {
    raw ??= openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    return raw;
  };
  return {
    config,
    rawStore,
    store() {
      migrated ??= (async () => {
        const store = rawStore();
        await migrateStore(store, new Date());
        return store;
      })();
      return migrated;
    },
    async dispatch(options = {}) {
      const store = await this.store();
      return startDispatch({ ...options, ...wireDispatch(store, config) });
    },
    async close() {
      await raw?.close();
      raw = undefined;
      migrated = undefined;
    },
  };
}
