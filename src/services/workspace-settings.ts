import type { Config } from '../config.ts';
import { DomainError } from '../core/domain-error.ts';
import { checkSender } from '../core/message/check-sender.ts';
import { otherStopCodes } from '../core/message/check-stop.ts';
import { defaultSenderDenylist } from '../core/message/default-sender-denylist.ts';
import { findRulePack } from '../core/rules/rule-packs.ts';
import { parseWindowPolicy } from '../core/rules/window-policy.ts';
import { listOpenCampaignTexts } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { readMarketSettings, writeMarketSettings } from '../store/market-settings.ts';
import {
  readSendingSettings,
  type SendingSettings,
  writeSendingSettings,
} from '../store/workspace-settings.ts';
import type { Principal } from './accounts.ts';
import { recordAudit } from './audit.ts';
import { describeTransport, type TransportView } from './transport-view.ts';

/** What the settings read from the process configuration (never a secret). */
export type ProcessSettings = Pick<Config, 'stopCode' | 'transport'>;

export interface WorkspaceSettings {
  /** LIST-03: the source-and-rights token a first message to list contacts must carry. */
  readonly rightsMention: string | null;
  /** LIST-01 strict: campaigns on lists that do not name this workspace are blocked. */
  readonly strictPartners: boolean;
  /** Approved sender names; empty = any sender the rules accept. */
  readonly senders: readonly string[];
  readonly defaultSender: string | null;
  /** The workspace's own STOP short code, or null to use the process one. */
  readonly stopCode: string | null;
  /** What the checks use: `stopCode`, else TEXTO_STOP_CODE, else none. */
  readonly effectiveStopCode: string | null;
  /** Campaigns that may still send but mention another STOP code (they would be blocked). */
  readonly stopMismatch: ReadonlyArray<{ id: string; name: string; state: string }>;
  /** The window policy of new campaigns, or null for the rule pack's default. */
  readonly defaultPolicy: string | null;
  readonly effectivePolicy: string;
  /** Read-only: the transport this process sends through. */
  readonly transport: TransportView;
}

export interface SettingsChange {
  readonly rightsMention?: string | null | undefined;
  readonly strictPartners?: boolean | undefined;
  readonly senders?: readonly string[] | undefined;
  readonly defaultSender?: string | null | undefined;
  readonly stopCode?: string | null | undefined;
  readonly defaultPolicy?: string | null | undefined;
}

/** Settings are judged against the French pack, the pack of every campaign today. */
const rulePackId = 'FR';
const maxSenders = 20;

export async function readWorkspaceSettings(
  store: Store,
  process: ProcessSettings,
  workspaceId: string,
): Promise<WorkspaceSettings> {
  const market = await readMarketSettings(store.db, workspaceId);
  const sending = await readSendingSettings(store.db, workspaceId);
  const effectiveStopCode = sending.stopCode ?? process.stopCode ?? null;
  return {
    rightsMention: market.rightsMention,
    strictPartners: market.list01Strict,
    senders: sending.senders,
    defaultSender: sending.defaultSender,
    stopCode: sending.stopCode,
    effectiveStopCode,
    stopMismatch: await findStopMismatch(store, workspaceId, effectiveStopCode),
    defaultPolicy: sending.defaultPolicy,
    effectivePolicy: sending.defaultPolicy ?? pack().defaultPolicy,
    transport: describeTransport(process.transport),
  };
}

/**
 * Changes the settings of a workspace (audited; read them back with readWorkspaceSettings).
 * Every problem is reported at once, each prefixed by its field (`senders.2: …`,
 * `stopCode: …`) so a form shows it next to the field. Senders are judged with the
 * process's deny list (TEXTO_SENDER_DENYLIST), else the default one.
 */
export async function changeWorkspaceSettings(
  store: Store,
  actor: Principal | null,
  workspaceId: string,
  change: SettingsChange,
  now: Date,
  senderDenylist: readonly string[] = defaultSenderDenylist,
): Promise<void> {
  const problems: string[] = [];
  const mention = change.rightsMention === null ? null : change.rightsMention?.trim();
  if (mention !== undefined && mention !== null && (mention.length === 0 || mention.length > 60)) {
    problems.push('rightsMention: 1 to 60 characters (or null to remove)');
  }
  const before = await readSendingSettings(store.db, workspaceId);
  const sending = mergeSending(before, change, senderDenylist, problems);
  if (problems.length > 0) {
    throw new DomainError('invalid_input', problems.join('; '), { problems });
  }
  await writeMarketSettings(store.db, workspaceId, {
    ...(mention !== undefined ? { rightsMention: mention } : {}),
    ...(change.strictPartners !== undefined ? { list01Strict: change.strictPartners } : {}),
  });
  const changed = Object.fromEntries(
    (['senders', 'defaultSender', 'stopCode', 'defaultPolicy'] as const)
      .filter((k) => JSON.stringify(sending[k]) !== JSON.stringify(before[k]))
      .map((k) => [k, sending[k]]),
  );
  if (Object.keys(changed).length > 0) {
    await writeSendingSettings(store.db, workspaceId, sending, now);
  }
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'workspace.settings',
      details: {
        ...(mention !== undefined ? { rightsMention: mention } : {}),
        ...(change.strictPartners !== undefined ? { strictPartners: change.strictPartners } : {}),
        ...changed,
      },
    },
    now,
  );
}

/** The new sending settings, or problems pushed (field-prefixed) when the change is refused. */
function mergeSending(
  before: SendingSettings,
  change: SettingsChange,
  denylist: readonly string[],
  problems: string[],
): SendingSettings {
  let senders = before.senders;
  if (change.senders !== undefined) {
    const trimmed = change.senders.map((s) => s.trim());
    trimmed.forEach((sender, i) => {
      const check = checkSender(sender, 'promotional', denylist);
      if (!check.valid) problems.push(`senders.${i}: ${check.reason}`);
      else if (trimmed.indexOf(sender) !== i) {
        problems.push(`senders.${i}: « ${sender} » est déjà dans la liste`);
      }
    });
    if (trimmed.length > maxSenders) {
      problems.push(`senders: ${maxSenders} expéditeurs au plus`);
    }
    senders = trimmed;
  }
  let defaultSender =
    change.defaultSender === undefined ? before.defaultSender : change.defaultSender;
  if (defaultSender !== null && !senders.includes(defaultSender)) {
    if (change.defaultSender !== undefined) {
      problems.push(
        `defaultSender: « ${defaultSender} » doit d’abord figurer parmi les expéditeurs approuvés`,
      );
    } else {
      // The approved sender it named was removed: campaigns then choose their sender again.
      defaultSender = null;
    }
  }
  const stopCode = change.stopCode === undefined ? before.stopCode : change.stopCode;
  if (change.stopCode != null && !/^3\d{4}$/.test(change.stopCode)) {
    problems.push(
      `stopCode: « ${change.stopCode} » n’est pas un numéro court à 5 chiffres commençant par 3 (ex. 36180)`,
    );
  }
  const defaultPolicy = readPolicy(change.defaultPolicy, before.defaultPolicy, problems);
  return { senders, defaultSender, stopCode, defaultPolicy };
}

function readPolicy(
  given: string | null | undefined,
  before: string | null,
  problems: string[],
): string | null {
  if (given === undefined) return before;
  if (given === null) return null;
  const spec = given.trim();
  try {
    return parseWindowPolicy(spec, pack()).spec;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(`defaultPolicy: ${error.message}`);
    return before;
  }
}

function pack() {
  const found = findRulePack(rulePackId);
  if (!found) throw new Error(`bug: rule pack ${rulePackId} is missing`);
  return found;
}

/** A new campaign's request with the workspace's default sender and policy where it names none. */
export async function withCampaignDefaults<T extends { sender?: unknown; policy?: unknown }>(
  store: Store,
  workspaceId: string,
  request: T,
): Promise<T> {
  const sending = await readSendingSettings(store.db, workspaceId);
  return {
    ...request,
    sender: request.sender ?? sending.defaultSender ?? undefined,
    policy: request.policy ?? sending.defaultPolicy ?? undefined,
  };
}

/**
 * The campaigns that may still send whose text mentions another STOP code than the one the
 * checks use: changing the code blocks them at their next check (FR-MSG-02), which the
 * settings screen says at once instead of leaving it to a "Bloquée" found later.
 */
async function findStopMismatch(store: Store, workspaceId: string, code: string | null) {
  if (code === null) return [];
  const open = await listOpenCampaignTexts(store.db, workspaceId);
  return open
    .filter((c) => otherStopCodes(c.template, code).length > 0)
    .map((c) => ({ id: c.id, name: c.name, state: c.state }));
}
