/**
 * A streaming RFC 4180 record splitter, fast on the common case (a line without quotes is a
 * plain split). Lenient where a file is merely sloppy (a stray quote inside a field is kept as
 * text) and loud where it is broken: a quote still open after `maxRecordChars` characters or
 * at the end of the input makes its first physical line a record with `error`, and splitting
 * resumes on the next line, so one bad quote never swallows the rest of the file.
 */
export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  readonly line: number;
  readonly fields: string[];
  readonly error?: 'unclosed-quote' | 'malformed-quote';
}

export interface CsvSplitter {
  push(chunk: string): CsvRecord[];
  end(): CsvRecord[];
}

interface Quoted {
  fields: string[];
  next: number;
  innerLines: number;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * Splits one record that contains quotes; null when the buffer ends inside it, 'malformed'
 * when a closing quote is followed by text (`"a"b`): the quotes are not paired as written.
 */
function splitQuoted(
  buf: string,
  start: number,
  delim: string,
  final: boolean,
): Quoted | null | 'malformed' {
  const fields: string[] = [];
  let innerLines = 0;
  let i = start;
  let delimAt = -2;
  let newlineAt = -2;
  for (;;) {
    let field = '';
    if (buf[i] === '"') {
      i += 1;
      for (;;) {
        const j = buf.indexOf('"', i);
        if (j < 0) return null;
        const part = buf.slice(i, j);
        field += part;
        innerLines += countNewlines(part);
        if (j + 1 >= buf.length && !final) return null;
        if (buf[j + 1] === '"') {
          field += '"';
          i = j + 2;
          continue;
        }
        i = j + 1;
        const after = buf[i];
        if (after !== undefined && after !== delim && after !== '\n' && after !== '\r') {
          return 'malformed';
        }
        break;
      }
    }
    if (delimAt !== -1 && delimAt < i) delimAt = buf.indexOf(delim, i);
    if (newlineAt !== -1 && newlineAt < i) newlineAt = buf.indexOf('\n', i);
    const k =
      delimAt < 0
        ? newlineAt < 0
          ? buf.length
          : newlineAt
        : newlineAt < 0
          ? delimAt
          : Math.min(delimAt, newlineAt);
    field += buf.slice(i, k);
    if (k >= buf.length && !final) return null;
    if (buf[k] === delim) {
      fields.push(field);
      i = k + 1;
      continue;
    }
    fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
    return { fields, next: k + 1, innerLines };
  }
}

export function createCsvSplitter(delimiter: string, maxRecordChars = 1 << 20): CsvSplitter {
  let buf = '';
  let line = 1;

  function drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0 && !final) break;
      const lineEnd = nl < 0 ? buf.length : nl;
      const quote = buf.indexOf('"', pos);
      if (quote < 0 || quote >= lineEnd) {
        const text = buf.slice(pos, buf[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
        if (text !== '') out.push({ line, fields: text.split(delimiter) });
        line += 1;
        pos = lineEnd + 1;
        continue;
      }
      const quoted = splitQuoted(buf, pos, delimiter, final);
      if (quoted && quoted !== 'malformed') {
        out.push({ line, fields: quoted.fields });
        line += 1 + quoted.innerLines;
        pos = quoted.next;
        continue;
      }
      if (!quoted && !final && buf.length - pos < maxRecordChars) break;
      const text = buf.slice(pos, buf[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
      const error = quoted === 'malformed' ? 'malformed-quote' : 'unclosed-quote';
      out.push({ line, fields: text.split(delimiter), error });
      line += 1;
      pos = lineEnd + 1;
    }
    buf = buf.slice(pos);
    return out;
  }

  return {
    push(chunk) {
      buf += chunk;
      return drain(false);
    },
    end() {
      return drain(true);
    },
  };
}

/** The delimiter of a header line: the most frequent of ';', ',' and tab outside quotes. */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const outside = headerLine.replace(/"[^"]*"/g, '');
  const count = (c: string) => outside.split(c).length - 1;
  const scores = [',', ';', '\t'].map((c) => [c, count(c)] as const);
  const best = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[0] as ',' | ';' | '\t';
}

/** One CSV line from fields, quoting where needed. */
export function formatCsvLine(fields: readonly string[], delimiter = ','): string {
  return fields
    .map((f) => (/[",;\t\r\n]/.test(f) || f.startsWith(' ') ? `"${f.replaceAll('"', '""')}"` : f))
    .join(delimiter);
}
