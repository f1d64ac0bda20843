import { join } from 'node:path';
import type { JobContext } from '../services/jobs.ts';
import type { ApiDeps } from './operation.ts';

/** Jobs of the API keep their files under <TEXTO_DATA_DIR>/jobs. */
export function jobsContext(deps: ApiDeps): JobContext {
  return { store: deps.store, dir: join(deps.config.dataDir, 'jobs'), clock: deps.now };
}
