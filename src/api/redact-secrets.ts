/**
 * Makes a value safe to log: fields whose name says secret (password, token, cookie, API
 * key, authorization, CSRF, secret, session) are replaced; API keys (`tx_…`) and phone
 * numbers inside any string are masked, whatever the field, so that a rented number never
 * reaches a log line: `+` and 8+ digits, French `0X XX XX XX XX`, or 9 to 15 bare digits.
 */
const secretName = /pass(word)?|secret|token|cookie|authori[sz]ation|api[-_]?key|csrf|session/i;
const apiKey = /\btx_[\w-]{6,}/g;
const phone = /\+\d[\d .-]{6,18}\d|\b0[1-9](?:[ .-]?\d{2}){4}\b|\b\d{9,15}\b/g;

export const redacted = '[redacted]';

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      secretName.test(k) && v !== null && v !== undefined ? redacted : redactSecrets(v, depth + 1),
    ]),
  );
}

function redactText(text: string): string {
  return text.replace(apiKey, 'tx_[redacted]').replace(phone, '[number]');
}

/**
 * A path with the values of secret-named query parameters replaced, and numbers masked as
 * written or percent-encoded (`%2B33…`, what the web UI's `encodeURIComponent` sends).
 */
export function redactPath(url: URL): string {
  const path = redactText(readable(url.pathname));
  if (url.search === '') return path;
  const query = [...url.searchParams]
    .map(([k, v]) => `${k}=${secretName.test(k) ? redacted : redactText(v)}`)
    .join('&');
  return `${path}?${query}`;
}

function readable(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path.replace(/%[0-9a-f]{2}/gi, ' ');
  }
}
