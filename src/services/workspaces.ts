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

/**
 * The workspace named or identified by `idOrName`, or the default one when absent. A name
 * typed in another case ("datapro" for "DataPro") finds the one workspace it can mean.
 */
export async function resolveWorkspace(store: Store, idOrName?: string | null): Promise<Workspace> {
  let found = idOrName
    ? await findWorkspace(store.db, idOrName)
    : await findDefaultWorkspace(store.db);
  if (!found && idOrName) {
    const wanted = idOrName.trim().toLocaleLowerCase('fr');
    const alike = (await listWorkspaces(store.db)).filter(
      (w) => w.name.toLocaleLowerCase('fr') === wanted,
    );
    if (alike.length > 1) {
      throw new DomainError(
        'invalid_input',
        `workspace '${idOrName}' could be ${alike.map((w) => `'${w.name}' (${w.id})`).join(' or ')}: give its id`,
        { workspace: idOrName },
      );
    }
    found = alike[0];
  }
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
