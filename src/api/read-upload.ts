import type { Context } from 'hono';
import { DomainError } from '../core/domain-error.ts';

/**
 * The CSV of an upload: a raw body (`Content-Type: text/csv` or `application/octet-stream`) or
 * `multipart/form-data` with the file in the field `file`. Anything else is a 400.
 */
export async function readUpload(c: Context): Promise<Uint8Array> {
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
    return new Uint8Array(await file.arrayBuffer());
  }
  if (/^(text\/csv|text\/plain|application\/octet-stream)\b/.test(type)) {
    return new Uint8Array(await c.req.arrayBuffer());
  }
  throw new DomainError(
    'invalid_input',
    'body: send the CSV as text/csv or as multipart/form-data with a field named file',
  );
}
