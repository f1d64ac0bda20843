import { ApiError } from './api-client.ts';

/**
 * The errors of an API answer by field, to show each next to the field it concerns:
 * `details.problems[]` and `details.issues[]` ({ path, message } or "field: message" strings)
 * and `details.field`.
 * Anything that names no field lands under '' (shown at the top of the form).
 */
export function readFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return { '': error instanceof Error ? error.message : String(error) };
  }
  const out: Record<string, string> = {};
  const details = (error.details ?? {}) as {
    problems?: unknown[];
    issues?: unknown[];
    field?: unknown;
  };
  for (const p of [...(details.problems ?? []), ...(details.issues ?? [])]) {
    if (typeof p === 'string') {
      const m = /^([\w.]+): (.*)$/.exec(p);
      if (m) out[m[1]!] ??= m[2]!;
      else out[''] ??= p;
    } else if (p && typeof p === 'object' && 'message' in p) {
      const { path, message } = p as { path?: unknown; message: string };
      const key = Array.isArray(path) ? path.join('.') : String(path ?? '');
      out[key] ??= message;
    }
  }
  if (typeof details.field === 'string') out[details.field] ??= error.message;
  if (Object.keys(out).length === 0) {
    // Messages of the form "body.stopCode: …" or "invalid audience name at name: …".
    const named =
      /^(?:body\.)?([a-z][\w.]*): (.+)$/i.exec(error.message) ??
      / at ([a-z][\w.]*): (.+)$/i.exec(error.message);
    if (named && !named[1]!.includes(' ')) out[named[1]!] = named[2]!;
    else out[''] = error.message;
  }
  return out;
}
