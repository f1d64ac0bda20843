import { proposeFields } from '../../../src/core/contact/map-header.ts';

export interface CsvHeader {
  readonly delimiter: ',' | ';' | 'tab';
  readonly columns: readonly string[];
  /** The field the server would map each column to by itself (core proposeFields), or ''. */
  readonly proposed: readonly string[];
}

function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim());
}

/**
 * The start of a CSV file as text, decoded as the server will decode it: UTF-8 when the bytes
 * are valid UTF-8 (a character cut at the end of the slice is not an error), else
 * Windows-1252, the encoding of a French Excel export. Read as UTF-8 regardless, "Prénom"
 * came out as "Pr�nom" and matched no field, so the column was silently ignored.
 */
export function decodeCsvStart(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The first line of a CSV, split on the likeliest delimiter, with the mapping the import would
 * apply by itself (the same core function as the server), for the mapping step of the UI.
 */
export function readCsvHeader(text: string): CsvHeader {
  const first = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').trim();
  const counts = {
    ',': splitLine(first, ',').length,
    ';': splitLine(first, ';').length,
    tab: splitLine(first, '\t').length,
  };
  const delimiter = (Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0] ??
    ',') as CsvHeader['delimiter'];
  const columns = splitLine(first, delimiter === 'tab' ? '\t' : delimiter).filter((c) => c !== '');
  return { delimiter, columns, proposed: proposeFields(columns).map((f) => f ?? '') };
}

/** The `map` query of the import: only the columns whose mapping the user changed. */
export function buildMapQuery(header: CsvHeader, chosen: readonly string[]): string | undefined {
  const pairs = header.columns
    .map((c, i) => [c, chosen[i] ?? ''] as const)
    .filter(([, field], i) => field !== '' && field !== header.proposed[i]);
  return pairs.length ? pairs.map(([c, f]) => `${c}=${f}`).join(',') : undefined;
}
