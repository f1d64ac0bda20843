import { sql } from 'kysely';
import {
  type AudienceColumns,
  type Dictionary,
  dayNumber,
  type MultiField,
  type TextField,
  type TokenMasks,
  textFields,
} from './audience-columns.ts';
import type { Store } from './db.ts';

const chunkSize = 50_000;

/**
 * Reads a workspace's contacts (and active suppressions) into an AudienceColumns, by id in
 * chunks so that memory stays bounded by the columns themselves (about 40 bytes a contact).
 */
export async function loadAudienceColumns(
  store: Store,
  workspaceId: string,
): Promise<AudienceColumns> {
  const counted = await store.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  const builder = createBuilder(Number(counted.n) + 1024);
  let lastId = 0;
  for (;;) {
    const rows = await store.db
      .selectFrom('contacts')
      .leftJoin('suppressions as s', (join) =>
        join
          .onRef('s.workspace_id', '=', 'contacts.workspace_id')
          .onRef('s.phone', '=', 'contacts.phone')
          .on('s.lifted_at', 'is', null),
      )
      .select([
        'contacts.id',
        'contacts.phone',
        ...Object.values(textFields).map((c) => `contacts.${c}` as const),
        'contacts.birth_date',
        'contacts.birth_year',
        'contacts.children',
        'contacts.last_interaction_at',
        'contacts.interests',
        'contacts.transport',
        'contacts.consent_status',
        'contacts.consent_valid_until',
        's.reason as suppression',
      ])
      .where('contacts.workspace_id', '=', workspaceId)
      .where('contacts.id', '>', lastId)
      .orderBy('contacts.id')
      .limit(chunkSize)
      .execute();
    for (const row of rows) builder.add(row as unknown as Row);
    if (rows.length < chunkSize) break;
    lastId = Number(rows[rows.length - 1]!.id);
  }
  return builder.finish();
}

/**
 * What changes whenever counts could change: the last contact created (ids only grow), the last
 * contact changed since its creation (a partial index holds only those, migration 0012), and
 * the last suppression added or lifted: four index lookups. Contacts deleted are not seen:
 * callers invalidate.
 */
export async function audienceFingerprint(store: Store, workspaceId: string): Promise<string> {
  const { rows } = await sql<{
    created: number | string | null;
    changed: string | null;
    added: string | null;
    lifted: string | null;
  }>`
    SELECT (SELECT max(id) FROM contacts WHERE workspace_id = ${workspaceId}) AS created,
           (SELECT max(updated_at) FROM contacts
             WHERE workspace_id = ${workspaceId} AND updated_at > created_at) AS changed,
           (SELECT max(created_at) FROM suppressions WHERE workspace_id = ${workspaceId}) AS added,
           (SELECT max(lifted_at) FROM suppressions WHERE workspace_id = ${workspaceId}) AS lifted
  `.execute(store.db);
  const row = rows[0];
  return JSON.stringify([
    row?.created === null || row?.created === undefined ? null : Number(row.created),
    row?.changed ?? null,
    row?.added ?? null,
    row?.lifted ?? null,
  ]);
}

type Row = Record<string, string | number | null> & { id: number; phone: string };

function createDictionary(size: number): Dictionary {
  return { values: [''], index: new Map([['', 0]]), codes: new Uint8Array(size) };
}

function codeOf(dict: Dictionary, value: string | number | null, i: number): void {
  if (value === null || value === '') return;
  const text = String(value);
  let code = dict.index.get(text);
  if (code === undefined) {
    code = dict.values.length;
    dict.values.push(text);
    dict.index.set(text, code);
    if (code === 256) dict.codes = Uint16Array.from(dict.codes);
    if (code === 65_536) throw new Error('more than 65535 distinct values');
  }
  dict.codes[i] = code;
}

function tokenMask(
  field: TokenMasks,
  value: string | number | null,
  memo: Map<string | number, number>,
): number {
  if (value === null) return 0;
  const known = memo.get(value);
  if (known !== undefined) return known;
  const mask = computeMask(field, value);
  if (memo.size < 100_000) memo.set(value, mask);
  return mask;
}

function computeMask(field: TokenMasks, value: string | number): number {
  const text = String(value).toLowerCase();
  let mask = text.replaceAll('|', '').length > 0 ? 0x8000_0000 : 0;
  const pieces = text.split('|');
  for (let p = 1; p < pieces.length - 1; p += 1) {
    const token = pieces[p]!;
    if (token === '') continue;
    let bit = field.tokens.indexOf(token);
    if (bit < 0) {
      if (field.tokens.length === 31) {
        field.overflow = true;
        continue;
      }
      bit = field.tokens.push(token) - 1;
    }
    mask |= 1 << bit;
  }
  return mask >>> 0;
}

function createBuilder(capacity: number) {
  let size = 0;
  let cap = capacity;
  let ids = new Uint32Array(cap);
  let birth = new Int32Array(cap);
  let children = new Int8Array(cap).fill(-1);
  let lastInteraction = new Int32Array(cap);
  let klass = new Uint8Array(cap);
  let validUntil = new Float64Array(cap);
  const text = Object.fromEntries(
    Object.keys(textFields).map((f) => [f, createDictionary(cap)]),
  ) as Record<TextField, Dictionary>;
  const multi: Record<MultiField, TokenMasks & { masks: Uint32Array }> = {
    interests: { tokens: [], masks: new Uint32Array(cap), overflow: false },
    transport: { tokens: [], masks: new Uint32Array(cap), overflow: false },
  };
  function grow(): void {
    cap *= 2;
    const more = <T extends { length: number; set(a: T): void }>(a: T, make: (n: number) => T) => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    ids = more(ids, (n) => new Uint32Array(n));
    birth = more(birth, (n) => new Int32Array(n));
    children = more(children, (n) => new Int8Array(n).fill(-1));
    lastInteraction = more(lastInteraction, (n) => new Int32Array(n));
    klass = more(klass, (n) => new Uint8Array(n));
    validUntil = more(validUntil, (n) => new Float64Array(n));
    for (const d of Object.values(text)) {
      const codes = d.codes instanceof Uint8Array ? new Uint8Array(cap) : new Uint16Array(cap);
      codes.set(d.codes);
      d.codes = codes;
    }
    for (const m of Object.values(multi)) {
      const masks = new Uint32Array(cap);
      masks.set(m.masks);
      (m as { masks: Uint32Array }).masks = masks;
    }
  }
  const textEntries = Object.entries(textFields).map(
    ([field, column]) => [text[field as TextField], column] as const,
  );
  const interestMemo = new Map<string | number, number>();
  const transportMemo = new Map<string | number, number>();
  return {
    add(row: Row): void {
      if (size === cap) grow();
      const i = size;
      size += 1;
      ids[i] = Number(row.id);
      for (const [dict, column] of textEntries) codeOf(dict, row[column] ?? null, i);
      const birthDate = row.birth_date as string | null;
      const birthYear = row.birth_year as number | null;
      birth[i] = birthDate ? dayNumber(birthDate) : birthYear ? birthYear * 10_000 + 101 : 0;
      const kids = row.children as number | null;
      if (kids !== null) children[i] = Math.min(kids, 127);
      const last = row.last_interaction_at as string | null;
      lastInteraction[i] = last ? dayNumber(last) : 0;
      multi.interests.masks[i] = tokenMask(multi.interests, row.interests ?? null, interestMemo);
      multi.transport.masks[i] = tokenMask(multi.transport, row.transport ?? null, transportMemo);
      const until = row.consent_valid_until as string | null;
      if (!row.phone.startsWith('+') || row.suppression === 'invalid') klass[i] = 2;
      else if (row.suppression !== null && row.suppression !== undefined) klass[i] = 1;
      else if (row.consent_status === 'granted' && until !== null) {
        klass[i] = 0;
        validUntil[i] = Date.parse(until);
      } else klass[i] = 3;
    },
    finish(): AudienceColumns {
      for (const d of Object.values(text)) d.codes = d.codes.subarray(0, size);
      return {
        size,
        ids: ids.subarray(0, size),
        text,
        birth: birth.subarray(0, size),
        children: children.subarray(0, size),
        lastInteraction: lastInteraction.subarray(0, size),
        multi: {
          interests: { ...multi.interests, masks: multi.interests.masks.subarray(0, size) },
          transport: { ...multi.transport, masks: multi.transport.masks.subarray(0, size) },
        },
        klass: klass.subarray(0, size),
        validUntil: validUntil.subarray(0, size),
      };
    },
  };
}
