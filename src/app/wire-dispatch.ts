import type { Config } from '../config.ts';
import type { StartDispatchOptions } from '../dispatch/start-dispatch.ts';
import { handleReply } from '../services/inbound.ts';
import { createOptOutWatch, optOutGuardOf } from '../services/opt-out-watch.ts';
import { createSeedWatch } from '../services/seed-watch.ts';
import type { Store } from '../store/db.ts';
import { parseTransportUrl } from '../transports/parse-transport-url.ts';

/**
 * What every dispatcher of the product is started with, from the configuration: the gateway,
 * the services that read replies (STOP, the opt-out guard) and watch the seeds, the server's
 * STOP code for the hand-off re-check, the HTTP gateways' callback listener and secret.
 */
export function wireDispatch(
  store: Store,
  config: Config,
): Pick<
  StartDispatchOptions,
  'store' | 'transport' | 'onReply' | 'stopCode' | 'onSubmitted' | 'wiring'
> {
  const optOutWatch = createOptOutWatch(store, optOutGuardOf(config));
  return {
    store,
    transport: parseTransportUrl(config.transport),
    onReply: (reply) =>
      handleReply(store, reply, new Date(), { optOutWatch, stopCode: config.stopCode }),
    stopCode: config.stopCode,
    onSubmitted: createSeedWatch(store),
    wiring: {
      inbound: config.inbound,
      ...(config.callbackUrl ? { callbackBaseUrl: config.callbackUrl } : {}),
      ...(config.webhookSecret ? { webhookSecret: config.webhookSecret } : {}),
    },
  };
}
