import { type FilterFieldName, filterFields } from './filter-fields.ts';

/** One line of the filter builder, as typed (values are text until sent). */
export interface FilterRow {
  field: FilterFieldName;
  op: string;
  value: string;
  /** The upper bound of `between`. */
  to: string;
}

const numeric = new Set(['age', 'integer']);

function scalar(field: FilterFieldName, text: string): string | number {
  const t = text.trim();
  return numeric.has(filterFields[field].kind) && /^-?\d+$/.test(t) ? Number(t) : t;
}

function list(field: FilterFieldName, text: string): (string | number)[] {
  return text
    .split(/[,;]/)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => scalar(field, v));
}

/**
 * The filter JSON the API takes ({ all: [{ field, <op>: value }] }) from the builder's rows;
 * lists are typed comma-separated. A row with no value yet is left out (but `exists`).
 */
export function buildFilter(rows: readonly FilterRow[]): { all: unknown[] } {
  const all: unknown[] = [];
  for (const r of rows) {
    if (r.op === 'exists') {
      all.push({ field: r.field, exists: true });
      continue;
    }
    if (r.value.trim() === '') continue;
    if (r.op === 'between') {
      if (r.to.trim() === '') continue;
      all.push({ field: r.field, between: [scalar(r.field, r.value), scalar(r.field, r.to)] });
    } else if (r.op === 'in' || r.op === 'anyOf' || r.op === 'allOf') {
      all.push({ field: r.field, [r.op]: list(r.field, r.value) });
    } else {
      all.push({ field: r.field, [r.op]: scalar(r.field, r.value) });
    }
  }
  return { all };
}

/** The row an API problem path like `all[2].value` points at (the filter has one `all`). */
export function findRowOfPath(path: string, rows: readonly FilterRow[]): number | undefined {
  const m = /^all\[(\d+)\]/.exec(path);
  if (!m) return undefined;
  // Rows without a value were left out of the filter: map the sent index back to the row.
  let sent = -1;
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    const included =
      r.op === 'exists' || (r.value.trim() !== '' && (r.op !== 'between' || r.to.trim() !== ''));
    if (included) sent += 1;
    if (sent === Number(m[1])) return i;
  }
  return undefined;
}
