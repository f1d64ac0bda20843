import type { Config } from '../config.ts';
import type { CampaignPolicy } from '../services/campaign-evaluation.ts';

/** The preflight settings of the configuration (TEXTO_STOP_CODE, _MAX_PARTS, _PENALTY…). */
export function readPolicy(config: Config): CampaignPolicy {
  const { stopCode, maxParts, penaltyPerNumberEur, senderDenylist } = config;
  return { stopCode, maxParts, penaltyPerNumberEur, senderDenylist };
}
