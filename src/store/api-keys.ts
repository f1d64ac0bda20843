import type { Kysely } from 'kysely';
import type { MemberRole } from '../core/account/roles.ts';
import type { Database } from './schema.ts';

/** API keys: scoped to one workspace and one role; only the sha256 of the secret is kept. */
export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  role: MemberRole;
  /** The first characters of the secret (`tx_AbCd1234`), to recognise a key in a list. */
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type ApiKey = Omit<ApiKeysTable, 'key_hash'>;

const visible = [
  'id',
  'workspace_id',
  'name',
  'role',
  'prefix',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

function keysDb(db: Kysely<Database>) {
  return db.withTables<{ api_keys: ApiKeysTable }>();
}

export async function insertApiKey(db: Kysely<Database>, key: ApiKeysTable): Promise<void> {
  await keysDb(db).insertInto('api_keys').values(key).execute();
}

/** The unrevoked key whose secret hashes to `keyHash`. */
export async function findActiveApiKey(
  db: Kysely<Database>,
  keyHash: string,
): Promise<ApiKey | undefined> {
  return keysDb(db)
    .selectFrom('api_keys')
    .select(visible)
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function listApiKeys(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; after?: string | undefined },
): Promise<ApiKey[]> {
  let query = keysDb(db)
    .selectFrom('api_keys')
    .select(visible)
    .where('workspace_id', '=', workspaceId);
  if (page.after !== undefined) query = query.where('id', '>', page.after);
  return query.orderBy('id').limit(page.limit).execute();
}

/** Revokes a key of this workspace; undefined when there is no such key here. */
export async function revokeApiKey(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<ApiKey | undefined> {
  const kdb = keysDb(db);
  await kdb
    .updateTable('api_keys')
    .set({ revoked_at: now.toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return kdb
    .selectFrom('api_keys')
    .select(visible)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Revokes the active keys `userId` created in the workspace whose role is not in `keep`;
 * returns how many.
 */
export async function revokeKeysCreatedBy(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  keep: readonly MemberRole[],
  now: Date,
): Promise<number> {
  let query = keysDb(db)
    .updateTable('api_keys')
    .set({ revoked_at: now.toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep.length > 0) query = query.where('role', 'not in', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records a use, at most once a minute per key (one write per request would be wasteful). */
export async function touchApiKey(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  await keysDb(db)
    .updateTable('api_keys')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', minuteAgo)]))
    .execute();
}
