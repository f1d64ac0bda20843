import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.ts';
import { up as initial } from './0001-initial.ts';
import { up as audiences } from './0002-audiences.ts';
import { up as accounts } from './0003-accounts.ts';
import { up as audienceFingerprint } from './0004-audience-fingerprint.ts';
import { up as marketplace } from './0005-marketplace.ts';
import { up as campaigns } from './0006-campaigns.ts';
import { up as dispatch } from './0007-dispatch.ts';
import { up as contactsById } from './0008-contacts-by-id.ts';
import { up as jobsWebhooks } from './0009-jobs-webhooks.ts';
import { up as consentEvidence } from './0010-consent-evidence.ts';
import { up as workspaceSettings } from './0011-workspace-settings.ts';
import { up as contactsChanged } from './0012-contacts-changed.ts';
import { up as inboundByCampaign } from './0013-inbound-by-campaign.ts';

export interface Migration {
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the database before its types
  up(db: Kysely<any>, caps: Capabilities): Promise<void>;
}

/** Every migration, in order. Append only: never edit or reorder an applied one. */
export const migrations: readonly Migration[] = [
  { name: '0001-initial', up: initial },
  { name: '0002-audiences', up: audiences },
  { name: '0003-accounts', up: accounts },
  { name: '0004-audience-fingerprint', up: audienceFingerprint },
  { name: '0005-marketplace', up: marketplace },
  { name: '0006-campaigns', up: campaigns },
  { name: '0007-dispatch', up: dispatch },
  { name: '0008-contacts-by-id', up: contactsById },
  { name: '0009-jobs-webhooks', up: jobsWebhooks },
  { name: '0010-consent-evidence', up: consentEvidence },
  { name: '0011-workspace-settings', up: workspaceSettings },
  { name: '0012-contacts-changed', up: contactsChanged },
  { name: '0013-inbound-by-campaign', up: inboundByCampaign },
];
