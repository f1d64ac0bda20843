import { hash } from 'node:crypto';
import { contactValueKeys, sameContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import type { ImportCounts } from './contact-import.ts';
import type { BulkSession } from './db.ts';
import { IdSet } from './id-set.ts';

/** A stored contact's values and update time before the import touched it. */
export interface Original {
  /** A digest of its values (`printOf`). */
  readonly print: string;
  readonly updatedAt: string;
}

export type SavedOriginal = Original & { readonly id: number };

/** The import's own scratch table: one row per stored contact whose values alone it changed. */
type SnapshotTables = {
  import_originals: { id: number; print: string; updated_at: string };
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
export function createImportOutcomes(session: BulkSession, counts: ImportCounts, nowIso: string) {
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
        .select(['id', 'print', 'updated_at'])
        .where('id', 'in', wanted)
        .execute();
      return new Map(rows.map((r) => [Number(r.id), { print: r.print, updatedAt: r.updated_at }]));
    },

    /**
     * Counts one row about a contact already in the store (inserted by this import or before
     * it); returns the `updated_at` it must be written with (its original one when the import
     * leaves it as it was) and the original to save, if any.
     */
    touch(
      touch: Touch,
      saved: Original | undefined,
    ): { updatedAt: string; save: SavedOriginal | null } {
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
          : printOf(merged) !== saved?.print;
      const after = isUpdated ? 'updated' : 'unchanged';
      if (before !== after) {
        if (before !== 'none') counts[before] -= 1;
        counts[after] += 1;
      }
      if (isUpdated) updated.add(id);
      else updated.delete(id);
      const save =
        isUpdated && known && !withEvents.has(id)
          ? { id, print: printOf(current), updatedAt: touch.currentUpdatedAt }
          : null;
      const updatedAt = isUpdated ? nowIso : known ? touch.currentUpdatedAt : saved!.updatedAt;
      return { updatedAt, save };
    },

    /** Keeps the originals `touch` asked to save (one statement for a part of a batch). */
    async save(originals: readonly SavedOriginal[]): Promise<void> {
      if (originals.length === 0) return;
      await session.scratchTable('import_originals', ['print', 'updated_at']);
      await scratch
        .insertInto('import_originals')
        .values(originals.map((o) => ({ id: o.id, print: o.print, updated_at: o.updatedAt })))
        .onConflict((c) =>
          c.column('id').doUpdateSet((eb) => ({
            print: eb.ref('excluded.print'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
  };
}

export type ImportOutcomes = ReturnType<typeof createImportOutcomes>;

/**
 * A digest of a contact's values: what "the same values" means across batches. One-shot: a
 * Hash object per contact held native memory until collected (an import changing 1M contacts).
 */
function printOf(values: ContactValues): string {
  return hash('sha256', JSON.stringify(contactValueKeys.map((k) => values[k] ?? null)), 'base64');
}
