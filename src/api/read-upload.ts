import type { Context } from 'hono';
import { DomainError } from '../core/domain-error.ts';

export interface Upload {
  readonly csv: Uint8Array;
  /** The file's own name when a form sent one (its last path part, control characters out). */
  readonly fileName: string | null;
}

/**
 * The CSV of an upload: a raw body (`Content-Type: text/csv` or `application/octet-stream`) or
 * `multipart/form-data` with the file in the field `file`. Anything else is a 400.
 */
export async function readUpload(c: Context): Promise<Upload> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new DomainError('invalid_input', 'body: not a valid multipart/form-data upload');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') {
      throw new DomainError('invalid_input', "body: the multipart field 'file' (a CSV) is missing");
    }
    return { csv: new Uint8Array(await file.arrayBuffer()), fileName: cleanName(file.name) };
  }
  if (/^(text\/csv|text\/plain|application\/octet-stream)\b/.test(type)) {
    return { csv: new Uint8Array(await c.req.arrayBuffer()), fileName: null };
  }
  throw new DomainError(
    'invalid_input',
    'body: send the CSV as text/csv or as multipart/form-data with a field named file',
  );
}

/** A browser sends the bare name; other clients may send a path or anything at all. */
function cleanName(name: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what goes
  const last = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return last === '' ? null : last.slice(0, 120);
}
