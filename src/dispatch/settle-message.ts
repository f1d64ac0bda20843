/** Final message states a receipt can lead to. */
export type SettledState = 'delivered' | 'undeliverable' | 'expired';

/**
 * A message's state from its parts' receipt statuses: delivered when every part is, otherwise
 * undeliverable as soon as one part is (undeliverable, rejected, deleted), expired when one part
 * expired; null while receipts are missing or only intermediate (accepted, enroute, unknown).
 */
export function settleMessage(statuses: readonly string[], parts: number): SettledState | null {
  if (statuses.some((s) => s === 'undeliverable' || s === 'rejected' || s === 'deleted')) {
    return 'undeliverable';
  }
  if (statuses.includes('expired')) return 'expired';
  if (statuses.length >= parts && statuses.every((s) => s === 'delivered')) return 'delivered';
  return null;
}
