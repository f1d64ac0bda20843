import type { ContactValues } from './normalise-contact.ts';

const keys: ReadonlyArray<keyof ContactValues> = [
  'phone',
  'country',
  'territory',
  'first_name',
  'last_name',
  'postal_code',
  'commune_code',
  'commune',
  'department',
  'region',
  'region_name',
  'birth_date',
  'birth_year',
  'gender',
  'children',
  'profession',
  'income',
  'housing',
  'transport',
  'interests',
  'custom',
  'source',
  'last_interaction_at',
];

/**
 * A later row about the same number completes the earlier one: known values win over blanks,
 * the newer known value wins over the older, custom attributes merge key by key, the first
 * source stays, and the last interaction is the latest of both.
 */
export function mergeContact(older: ContactValues, newer: ContactValues): ContactValues {
  // A file imported again mostly brings what is stored: then `older` itself comes back.
  if (bringsNothingNew(older, newer)) return older;
  const merged = { ...older };
  for (const k of keys) {
    const v = newer[k];
    if (v !== null && v !== undefined) (merged as Record<string, unknown>)[k] = v;
  }
  merged.source = older.source;
  if (older.custom && newer.custom) {
    merged.custom = JSON.stringify(
      Object.fromEntries(
        Object.entries({ ...JSON.parse(older.custom), ...JSON.parse(newer.custom) }).sort(),
      ),
    );
  }
  const a = older.last_interaction_at;
  const b = newer.last_interaction_at;
  merged.last_interaction_at = a && b ? [a, b].sort()[1]! : (a ?? b);
  // A postal code without its derived place must not keep the old code's place.
  if (newer.postal_code !== null && newer.postal_code !== older.postal_code) {
    for (const k of ['commune_code', 'commune', 'department', 'region', 'region_name'] as const) {
      merged[k] = newer[k];
    }
  }
  return merged;
}

/** Whether merging `newer` into `older` would leave `older`'s values as they are. */
function bringsNothingNew(older: ContactValues, newer: ContactValues): boolean {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = newer[k];
    if (v === null || v === undefined || v === older[k] || k === 'source') continue;
    if (k === 'last_interaction_at' && older.last_interaction_at && v < older.last_interaction_at)
      continue;
    return false;
  }
  return true;
}

/** Whether two contacts hold the same values. */
export function sameContact(a: ContactValues, b: ContactValues): boolean {
  if (a === b) return true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  }
  return true;
}

export const contactValueKeys = keys;

/** A contact from its values in `contactValueKeys` order, starting at `from` in `values`. */
export function contactFromValues(values: readonly unknown[], from = 0): ContactValues {
  const contact: Record<string, unknown> = {};
  for (let k = 0; k < keys.length; k++) contact[keys[k]!] = values[from + k];
  return contact as unknown as ContactValues;
}
