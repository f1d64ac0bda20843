import type { Config } from './config.ts';

/**
 * The composition root: wires configuration, store, services and transports. Nothing else
 * builds services or reads the configuration; nothing here is global.
 */
export interface App {
  readonly config: Config;
  close(): Promise<void>;
}

export function createApp(config: Config): App {
  return {
    config,
    async close() {},
  };
}
