import type { MessageKey } from '../i18n/fr.ts';
import type { Translate } from '../i18n/i18n-context.tsx';

/** A campaign state in the reader's language (an unknown state reads as itself). */
export function labelCampaignState(t: Translate, state: string): string {
  const label = t(`campaign.state.${state}` as MessageKey);
  return label === `campaign.state.${state}` ? state : label;
}
