import { DomainError } from '../core/domain-error.ts';
import type { Store } from '../store/db.ts';
import { migrateStore } from '../store/migrate.ts';
import {
  findDefaultWorkspace,
  findWorkspace,
  insertWorkspace,
  listWorkspaces,
  type Workspace,
} from '../store/workspaces.ts';

export type { Workspace };

/** The workspace named or identified by `idOrName`, or the default one when absent. */
export async function resolveWorkspace(store: Store, idOrName?: string | null): Promise<Workspace> {
  const found = idOrName
    ? await findWorkspace(store.db, idOrName)
    : await findDefaultWorkspace(store.db);
  if (!found) {
    throw new DomainError(
      'not_found',
      idOrName ? `workspace '${idOrName}' not found (give its id or name)` : 'no workspace exists',
      { workspace: idOrName ?? null },
    );
  }
  return found;
}

export async function createWorkspace(
  store: Store,
  input: { name: string; legalName?: string; isProvider?: boolean },
  now: Date,
): Promise<Workspace> {
  const name = input.name.trim();
  if (!name) throw new DomainError('invalid_input', 'workspace name must not be empty');
  if (await findWorkspace(store.db, name)) {
    throw new DomainError('conflict', `workspace '${name}' already exists`, { name });
  }
  return insertWorkspace(store.db, { ...input, name }, now);
}

export async function listAllWorkspaces(store: Store): Promise<Workspace[]> {
  return listWorkspaces(store.db);
}

/** Applies pending migrations (idempotent) and makes sure a default workspace exists. */
export async function migrateDatabase(store: Store, now: Date): Promise<{ applied: string[] }> {
  const { applied } = await migrateStore(store, now);
  return { applied };
}
