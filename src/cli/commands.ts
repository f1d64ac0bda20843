import { audienceCount } from './audience-count.ts';
import { audienceList } from './audience-list.ts';
import { audienceSave } from './audience-save.ts';
import { audienceShow } from './audience-show.ts';
import { campaignCancel } from './campaign-cancel.ts';
import { campaignCertificate } from './campaign-certificate.ts';
import { campaignCreate } from './campaign-create.ts';
import { campaignPlan } from './campaign-plan.ts';
import { campaignPreflight } from './campaign-preflight.ts';
import { campaignSchedule } from './campaign-schedule.ts';
import { campaignSend } from './campaign-send.ts';
import { campaignShow } from './campaign-show.ts';
import { campaignStatus } from './campaign-status.ts';
import type { Command } from './command.ts';
import { consentProof } from './consent-proof.ts';
import { contactsCount } from './contacts-count.ts';
import { contactsExport } from './contacts-export.ts';
import { contactsImport } from './contacts-import.ts';
import { contactsShow } from './contacts-show.ts';
import { dbMigrate } from './db-migrate.ts';
import { inboundList } from './inbound-list.ts';
import { licences } from './licences.ts';
import { listsImport } from './lists-import.ts';
import { listsUsage } from './lists-usage.ts';
import { marketCatalogue } from './market-catalogue.ts';
import { marketOrder } from './market-order.ts';
import { marketQuote } from './market-quote.ts';
import { messageCheck } from './message-check.ts';
import { numberParse } from './number-parse.ts';
import { smsc } from './smsc.ts';
import { suppress } from './suppress.ts';
import { windowCalendar } from './window-calendar.ts';
import { windowCheck } from './window-check.ts';
import { worker } from './worker.ts';
import { workspaceCreate } from './workspace-create.ts';
import { workspaceSettings } from './workspace-settings.ts';

/** Every subcommand of `texto`, in the order --help lists them. */
export const commands: readonly Command[] = [
  messageCheck,
  audienceCount,
  audienceSave,
  audienceList,
  audienceShow,
  numberParse,
  windowCheck,
  windowCalendar,
  smsc,
  dbMigrate,
  contactsImport,
  contactsExport,
  contactsShow,
  contactsCount,
  consentProof,
  suppress,
  workspaceCreate,
  workspaceSettings,
  listsImport,
  listsUsage,
  marketCatalogue,
  marketQuote,
  marketOrder,
  licences,
  campaignCreate,
  campaignPreflight,
  campaignPlan,
  campaignSchedule,
  campaignShow,
  campaignCancel,
  campaignCertificate,
  campaignSend,
  campaignStatus,
  worker,
  inboundList,
];
