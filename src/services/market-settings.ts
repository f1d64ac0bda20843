import { DomainError } from '../core/domain-error.ts';
import type { Store } from '../store/db.ts';
import { readMarketSettings, writeMarketSettings } from '../store/market-settings.ts';
import { createWorkspace, type Workspace } from './workspaces.ts';

/** A workspace as `workspace create` shows it, with its marketplace settings. */
export interface WorkspaceView {
  readonly id: string;
  readonly name: string;
  readonly legalName: string | null;
  readonly provider: boolean;
  /** LIST-03: the token a first message to list contacts must carry (e.g. a short link). */
  readonly rightsMention: string | null;
  /** LIST-01 strict mode: campaigns on lists that do not name this workspace are blocked. */
  readonly strictPartners: boolean;
  readonly createdAt: string;
}

/**
 * Creates a workspace (an advertiser, an agency or a list provider) with its legal name (the
 * name LIST-01 looks for on collection forms), its LIST-03 rights mention and its LIST-01 mode.
 */
export async function createMarketWorkspace(
  store: Store,
  input: {
    name: string;
    provider?: boolean;
    legalName?: string | undefined;
    rightsMention?: string | undefined;
    strictPartners?: boolean;
  },
  now: Date,
): Promise<WorkspaceView> {
  const legalName = input.legalName?.trim();
  if (input.legalName !== undefined && !legalName) {
    throw new DomainError('invalid_input', '--legal-name must not be empty');
  }
  const rightsMention = input.rightsMention?.trim();
  if (input.rightsMention !== undefined && (!rightsMention || rightsMention.length > 60)) {
    throw new DomainError(
      'invalid_input',
      '--rights-mention must be 1 to 60 characters (it goes in an SMS)',
    );
  }
  const ws = await createWorkspace(
    store,
    { name: input.name, ...(legalName ? { legalName } : {}), isProvider: input.provider ?? false },
    now,
  );
  await writeMarketSettings(store.db, ws.id, {
    rightsMention: rightsMention ?? null,
    list01Strict: input.strictPartners ?? true,
  });
  return describeWorkspace(store, ws);
}

export async function describeWorkspace(store: Store, ws: Workspace): Promise<WorkspaceView> {
  const settings = await readMarketSettings(store.db, ws.id);
  return {
    id: ws.id,
    name: ws.name,
    legalName: ws.legal_name,
    provider: ws.is_provider === 1,
    rightsMention: settings.rightsMention,
    strictPartners: settings.list01Strict,
    createdAt: ws.created_at,
  };
}
