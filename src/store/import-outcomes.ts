import { sql } from 'kysely';
import { contactFromValues, contactValueKeys, sameContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import type { ImportCounts } from './contact-import.ts';
import type { BulkSession } from './db.ts';
import { IdSet } from './id-set.ts';

/** A stored contact's values and update time before the import touched it. */
export interface Original {
  readonly values: ContactValues;
  readonly updatedAt: string;
}

/**
 * The import's own scratch table: one row per stored contact whose values alone it changed,
 * its values as a JSON array (`contactValueKeys` order) and its update time.
 */
type SnapshotTables = {
  import_originals: { id: number; original: string; updated_at: string };
};

/** A stored contact as the import finds it at one of its rows. */
export interface Touch {
  readonly id: number;
  /** Its values and update time now (after the import's earlier rows about it, if any). */
  readonly current: ContactValues;
  readonly currentUpdatedAt: string;
  /** Its values once this row is merged in. */
  readonly merged: ContactValues;
  /** Whether this row appended a consent event to its chain. */
  readonly appended: boolean;
}

/**
 * What an import did to each contact that was stored before it, decided on the contact's
 * state at the end against its state before the import: a number on two rows of the file, in
 * different batches, whose later row puts back what the earlier one changed, is unchanged —
 * re-importing a file changes nothing, not even `updated_at` (issue 4). A contact counts once
 * (updated or unchanged), each further row about it as a duplicate; one that received a
 * consent event is updated for good (events are never removed).
 *
 * The state before the import of a contact whose values alone changed is kept in a scratch
 * table of the session, not in memory: an import that changes every one of millions of
 * contacts stays in bounded memory.
 */
export function createImportOutcomes(
  session: BulkSession,
  workspaceId: string,
  counts: ImportCounts,
  nowIso: string,
) {
  const scratch = session.db.withTables<SnapshotTables>();
  /** Contacts inserted by this import. */
  const created = new IdSet();
  /** Stored contacts touched so far; of those, the ones counted updated; with a new event. */
  const touched = new IdSet();
  const updated = new IdSet();
  const withEvents = new IdSet();

  const needsOriginal = (id: number) => updated.has(id) && !withEvents.has(id);

  return {
    created,

    /** The saved originals of the contacts among `ids` whose values alone this import changed. */
    async originalsOf(ids: readonly number[]): Promise<Map<number, Original>> {
      const wanted = ids.filter(needsOriginal);
      if (wanted.length === 0) return new Map();
      const rows = await scratch
        .selectFrom('import_originals')
        .select(['id', 'original', 'updated_at'])
        .where(session.anyOf('id', wanted))
        .execute();
      return new Map(
        rows.map((r) => [
          Number(r.id),
          { values: contactFromValues(JSON.parse(r.original)), updatedAt: r.updated_at },
        ]),
      );
    },

    /**
     * Counts one row about a contact already in the store (inserted by this import or before
     * it); returns the `updated_at` it must be written with (its original one when the import
     * leaves it as it was) and, if its stored row is its original and must be kept before it
     * is written, its id (`save`).
     */
    touch(touch: Touch, saved: Original | undefined): { updatedAt: string; save: number | null } {
      const { id, current, merged } = touch;
      if (created.has(id)) {
        counts.duplicates += 1;
        return { updatedAt: nowIso, save: null };
      }
      const first = !touched.has(id);
      touched.add(id);
      if (!first) counts.duplicates += 1;
      const before = first ? 'none' : updated.has(id) ? 'updated' : 'unchanged';
      // Until the import changes it, the contact as found is its original.
      const known = before !== 'updated';
      if (touch.appended) withEvents.add(id);
      const isUpdated = withEvents.has(id)
        ? true
        : known
          ? !sameContact(current, merged)
          : saved === undefined || !sameContact(merged, saved.values);
      const after = isUpdated ? 'updated' : 'unchanged';
      if (before !== after) {
        if (before !== 'none') counts[before] -= 1;
        counts[after] += 1;
      }
      if (isUpdated) updated.add(id);
      else updated.delete(id);
      const save = isUpdated && known && !withEvents.has(id) ? id : null;
      const updatedAt = isUpdated ? nowIso : known ? touch.currentUpdatedAt : saved!.updatedAt;
      return { updatedAt, save };
    },

    /**
     * Keeps the stored rows of the contacts `touch` asked to save, as they are now: call it
     * before writing them. Copied by one statement inside the database (a digest and an
     * insert per contact from here cost ~3 s of an import changing 1M contacts).
     */
    async save(ids: readonly number[]): Promise<void> {
      if (ids.length === 0) return;
      await session.scratchTable('import_originals', ['original', 'updated_at']);
      await sql`INSERT INTO import_originals (id, original, updated_at)
        SELECT id, ${session.jsonArrayOf(contactValueKeys)}, updated_at FROM contacts
        WHERE workspace_id = ${workspaceId} AND ${session.anyOf('id', ids)}
        ON CONFLICT (id) DO UPDATE
        SET original = excluded.original, updated_at = excluded.updated_at`.execute(scratch);
    },
  };
}

export type ImportOutcomes = ReturnType<typeof createImportOutcomes>;
