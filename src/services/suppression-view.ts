import { maskPhone } from '../core/audience/mask-phone.ts';
import type { Store } from '../store/db.ts';
import { listSuppressed, type Suppression } from './suppression.ts';

export interface SuppressionView {
  readonly phone: string;
  /** True when the number is a rented recipient's: it stays masked (LIST-05). */
  readonly masked: boolean;
  readonly reason: Suppression['reason'];
  readonly origin: string;
  readonly note: string | null;
  readonly createdAt: string;
  readonly liftedAt: string | null;
}

/**
 * A workspace's suppression list as its users may see it: a STOP received on a rented list is
 * kept (the renter must never message that number again) but its number is masked.
 */
export async function listVisibleSuppressions(
  store: Store,
  workspaceId: string,
  options: { includeLifted?: boolean } = {},
): Promise<SuppressionView[]> {
  const rows = await listSuppressed(store, workspaceId, options);
  return rows.map((s) => {
    const masked = s.origin.startsWith('rental:');
    return {
      phone: masked ? `${maskPhone(s.phone)} #${s.id}` : s.phone,
      masked,
      reason: s.reason,
      origin: s.origin,
      note: s.note,
      createdAt: s.created_at,
      liftedAt: s.lifted_at,
    };
  });
}
