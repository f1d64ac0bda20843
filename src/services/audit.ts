import { DomainError } from '../core/domain-error.ts';
import { type AuditEntry, appendAuditEntry, listAuditEntries } from '../store/audit-log.ts';
import type { Store } from '../store/db.ts';
import type { Principal } from './accounts.ts';

export type { AuditEntry };

/** Audited actions so far; other services add theirs (import, order, schedule, cancel…). */
export interface AuditEvent {
  readonly workspaceId: string | null;
  /** Null for the system itself (seed, worker). */
  readonly actor: Principal | null;
  readonly action: string;
  readonly target?: { readonly kind: string; readonly id: string };
  /** Plain facts only: never a password, a key, a token or a phone number. */
  readonly details?: Record<string, unknown>;
}

/** Appends one entry to the audit log (append-only: there is no way to change one). */
export async function recordAudit(store: Store, event: AuditEvent, now: Date): Promise<void> {
  const actor = event.actor;
  await appendAuditEntry(store.db, {
    workspace_id: event.workspaceId,
    actor_kind: actor ? actor.kind : 'system',
    actor_id: actor ? actor.id : null,
    actor_label: actor ? (actor.kind === 'user' ? actor.email : actor.name) : null,
    action: event.action,
    target_kind: event.target?.kind ?? null,
    target_id: event.target?.id ?? null,
    at: now.toISOString(),
    details: JSON.stringify(event.details ?? {}),
  });
}

export interface AuditView {
  id: number;
  at: string;
  actor: { kind: AuditEntry['actor_kind']; id: string | null; label: string | null };
  action: string;
  target: { kind: string; id: string | null } | null;
  details: Record<string, unknown>;
}

/** A workspace's audit log, newest first: `limit` entries older than the entry `before`. */
export async function listAuditLog(
  store: Store,
  workspaceId: string,
  page: { limit: number; before?: number | undefined },
): Promise<AuditView[]> {
  if (page.before !== undefined && !Number.isSafeInteger(page.before)) {
    throw new DomainError('invalid_input', 'cursor: not a cursor of this list');
  }
  const rows = await listAuditEntries(store.db, workspaceId, page);
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label },
    action: r.action,
    target: r.target_kind ? { kind: r.target_kind, id: r.target_id } : null,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
