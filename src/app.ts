import type { Config } from './config.ts';
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
    async close() {
      await raw?.close();
      raw = undefined;
      migrated = undefined;
    },
  };
}
