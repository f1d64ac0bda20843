import { randomBytes, randomUUID } from 'node:crypto';
import type { MemberRole } from '../core/account/roles.ts';
import { DomainError } from '../core/domain-error.ts';
import {
  type ApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey as revokeStoredKey,
} from '../store/api-keys.ts';
import type { Store } from '../store/db.ts';
import { hashToken, type Principal } from './accounts.ts';
import { recordAudit } from './audit.ts';
import { requireRoleFits } from './members.ts';

export type { ApiKey };

/**
 * Creates an API key for one workspace and one role. The secret (`tx_` + 43 base64url
 * characters, 256 bits) is returned here and never again: only its sha256 is stored.
 */
export async function createApiKey(
  store: Store,
  actor: Principal,
  workspaceId: string,
  input: { name: string; role: MemberRole },
  now: Date,
): Promise<{ apiKey: ApiKey; secret: string }> {
  await requireRoleFits(store, workspaceId, input.role);
  const secret = `tx_${randomBytes(32).toString('base64url')}`;
  const apiKey: ApiKey = {
    id: `key_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    workspace_id: workspaceId,
    name: input.name.trim(),
    role: input.role,
    prefix: secret.slice(0, 11),
    created_by: actor.id,
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await insertApiKey(store.db, { ...apiKey, key_hash: hashToken(secret) });
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'api_key.create',
      target: { kind: 'api_key', id: apiKey.id },
      details: { name: apiKey.name, role: apiKey.role, prefix: apiKey.prefix },
    },
    now,
  );
  return { apiKey, secret };
}

export async function listWorkspaceApiKeys(
  store: Store,
  workspaceId: string,
  page: { limit: number; after?: string | undefined },
): Promise<ApiKey[]> {
  return listApiKeys(store.db, workspaceId, page);
}

/** Revokes a key of this workspace (again is harmless); not_found for any other key. */
export async function revokeApiKey(
  store: Store,
  actor: Principal,
  workspaceId: string,
  keyId: string,
  now: Date,
): Promise<ApiKey> {
  const key = await revokeStoredKey(store.db, workspaceId, keyId, now);
  if (!key) throw new DomainError('not_found', `API key '${keyId}' not found`);
  await recordAudit(
    store,
    {
      workspaceId,
      actor,
      action: 'api_key.revoke',
      target: { kind: 'api_key', id: keyId },
      details: { name: key.name },
    },
    now,
  );
  return key;
}
