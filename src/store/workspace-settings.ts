import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The workspace_settings table (migration 0011-workspace-settings). */
export interface WorkspaceSettingsTable {
  workspace_id: string;
  /** JSON array of the approved sender names, in the order they were added. */
  senders: string;
  default_sender: string | null;
  stop_code: string | null;
  default_policy: string | null;
  updated_at: string;
}

/** What a workspace chose; null/empty means "the process-wide default". */
export interface SendingSettings {
  readonly senders: readonly string[];
  readonly defaultSender: string | null;
  readonly stopCode: string | null;
  readonly defaultPolicy: string | null;
}

export const noSendingSettings: SendingSettings = Object.freeze({
  senders: Object.freeze([]),
  defaultSender: null,
  stopCode: null,
  defaultPolicy: null,
});

function settingsTables(db: Kysely<Database>) {
  return db.withTables<{ workspace_settings: WorkspaceSettingsTable }>();
}

export async function readSendingSettings(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<SendingSettings> {
  const row = await settingsTables(db)
    .selectFrom('workspace_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return noSendingSettings;
  return {
    senders: JSON.parse(row.senders) as string[],
    defaultSender: row.default_sender,
    stopCode: row.stop_code,
    defaultPolicy: row.default_policy,
  };
}

/** Writes the whole settings row (the service merges a change into what was read). */
export async function writeSendingSettings(
  db: Kysely<Database>,
  workspaceId: string,
  settings: SendingSettings,
  now: Date,
): Promise<void> {
  const values = {
    senders: JSON.stringify(settings.senders),
    default_sender: settings.defaultSender,
    stop_code: settings.stopCode,
    default_policy: settings.defaultPolicy,
    updated_at: now.toISOString(),
  };
  await settingsTables(db)
    .insertInto('workspace_settings')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
}
