import type { App } from '../app.ts';
import { DomainError } from '../core/domain-error.ts';
import type { CampaignPolicy } from '../services/campaign-evaluation.ts';
import type { CampaignRef } from '../services/campaigns.ts';
import type { CommandContext } from './command.ts';

/** The campaign a `texto campaign <verb> ID [--workspace W]` command names. */
export function readCampaignRef({ positionals, values }: CommandContext): CampaignRef {
  const id = positionals[0];
  if (!id) throw new DomainError('invalid_input', 'missing campaign ID (texto campaign … ID)');
  const workspace = typeof values.workspace === 'string' ? values.workspace : undefined;
  return { id, workspace };
}

/** The preflight settings of the configuration (TEXTO_STOP_CODE, _MAX_PARTS, _PENALTY…). */
export function readCampaignPolicy(app: App): CampaignPolicy {
  const { stopCode, maxParts, penaltyPerNumberEur, senderDenylist } = app.config;
  return { stopCode, maxParts, penaltyPerNumberEur, senderDenylist };
}

export const workspaceOption = { workspace: { type: 'string' } } as const;
