import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { type ConsentEvidence, eventOf, evidenceKey } from '../core/consent/consent-evidence.ts';
import type { OwnConsentFields } from '../core/consent/hash-consent-event.ts';
import { readEvidences } from './consent.ts';
import type { BulkSession } from './db.ts';

/** An event of a chain being extended: what the next one chains to and what it dedupes by. */
export type ChainLink = ConsentEventInput & {
  readonly seq: number;
  readonly hash: string;
  /** Equal for two events of one contact exactly when their fingerprints are (`keyOf`). */
  readonly key: string;
};

/**
 * The evidences an import meets (its own and those of the chains it extends), each with a
 * number shared by every evidence row of the same content: identical evidence may be stored
 * twice, under two ids.
 */
export function createEvidenceCache(session: BulkSession) {
  const byId = new Map<number, { fields: ConsentEvidence; content: number }>();
  const contents = new Map<string, number>();

  function remember(id: number, fields: ConsentEvidence): void {
    if (byId.has(id)) return;
    const key = evidenceKey(fields);
    let content = contents.get(key);
    if (content === undefined) {
      content = contents.size;
      contents.set(key, content);
    }
    byId.set(id, { fields, content });
  }

  function entry(id: number) {
    const found = byId.get(id);
    if (!found) throw new Error(`consent evidence ${id} not loaded`);
    return found;
  }

  return {
    remember,
    /** Reads the evidences among `ids` not met yet. */
    async load(ids: Iterable<number>): Promise<void> {
      const missing = [...new Set(ids)].filter((id) => !byId.has(id));
      if (missing.length === 0) return;
      for (const [id, { fields }] of await readEvidences(session.db, missing)) remember(id, fields);
    },
    fieldsOf: (id: number) => entry(id).fields,
    /**
     * An event's content as a key: its evidence's content number and its own fields. For one
     * contact, two events have the same fingerprint (a hash of the number and of these very
     * values) exactly when their keys are equal, without hashing.
     */
    keyOf(evidenceId: number, own: OwnConsentFields): string {
      return `${entry(evidenceId).content}\u0001${own.collectedAt}\u0001${own.ip ?? '\u0002'}\u0001${own.userAgent ?? '\u0002'}`;
    },
  };
}

export type EvidenceCache = ReturnType<typeof createEvidenceCache>;

/**
 * The chains of some contacts, in seq order, as an import extending them needs them: each
 * event's input, seq, stored hash and content key. Read as arrays and without recomputing
 * fingerprints (readConsentChains does, to verify a chain): re-importing a 1M-row file reads
 * every chain back. `contactIds` come from a workspace-scoped read of the contacts.
 */
export async function readChainLinks(
  session: BulkSession,
  contactIds: readonly number[],
  evidences: EvidenceCache,
): Promise<Map<number, ChainLink[]>> {
  const chains = new Map<number, ChainLink[]>();
  if (contactIds.length === 0) return chains;
  const rows = await session.selectArrays(
    session.db
      .selectFrom('consent_events')
      .select(['contact_id', 'seq', 'evidence_id', 'collected_at', 'ip', 'user_agent', 'hash'])
      .where(session.anyOf('contact_id', contactIds))
      .orderBy('contact_id')
      .orderBy('seq'),
  );
  await evidences.load(rows.map((r) => Number(r[2])));
  for (const [contactId, seq, evidenceId, collectedAt, ip, userAgent, hash] of rows) {
    const id = Number(contactId);
    let chain = chains.get(id);
    if (!chain) {
      chain = [];
      chains.set(id, chain);
    }
    const own = {
      collectedAt: collectedAt as string,
      ip: ip as string | null,
      userAgent: userAgent as string | null,
    };
    const event = eventOf(evidences.fieldsOf(Number(evidenceId)), own);
    chain.push(
      Object.assign(event, {
        seq: Number(seq),
        hash: hash as string,
        key: evidences.keyOf(Number(evidenceId), own),
      }),
    );
  }
  return chains;
}
