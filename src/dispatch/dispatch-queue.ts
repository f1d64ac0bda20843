import type { Store } from '../store/db.ts';
import { type HandOffFacts, loadHandOffFacts } from '../store/hand-off-facts.ts';
import {
  type ClaimedMessage,
  type ClaimRequest,
  claimDueMessages,
  markCampaignsSending,
  markSubmitting,
} from '../store/message-queue.ts';

/** A claimed batch with what its hand-off re-check needs. */
export interface ClaimedBatch {
  readonly messages: ClaimedMessage[];
  readonly facts: HandOffFacts | null;
}

/**
 * The dispatcher's own queue SQL, per batch: the claim (with its campaigns marked sending and
 * the hand-off facts read) and the move to `submitting`. On a SQLite file it runs on the
 * writer thread's connection (open-writer-thread.ts): synchronous SQL there leaves the
 * dispatcher's event loop free to keep the SMPP window full.
 */
export interface DispatchQueue {
  claim(request: ClaimRequest): Promise<ClaimedBatch>;
  /** The ids moved to `submitting`: only those may be sent. */
  markSubmitting(workerId: string, ids: readonly number[], now: string): Promise<Set<number>>;
}

export async function claimBatch(store: Store, request: ClaimRequest): Promise<ClaimedBatch> {
  const messages = await claimDueMessages(store.db, store.capabilities, request);
  if (messages.length === 0) return { messages, facts: null };
  const campaigns = [...new Set(messages.map((m) => m.campaignId))];
  await markCampaignsSending(store.db, campaigns, request.now);
  return { messages, facts: await loadHandOffFacts(store.db, messages, request.stopCode) };
}

/** The queue on the store's own connection (PostgreSQL, in-memory SQLite, no thread). */
export function storeQueue(store: Store): DispatchQueue {
  return {
    claim: (request) => claimBatch(store, request),
    markSubmitting: (workerId, ids, now) => markSubmitting(store.db, workerId, ids, now),
  };
}
