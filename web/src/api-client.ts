/**
 * The ONE module of the UI that talks to the server: every call goes through `request`, which
 * sends the session cookie, echoes the CSRF token on unsafe methods and turns the API's error
 * envelope `{ error: { code, message, details } }` into an ApiError.
 */
export interface ApiProblem {
  readonly where?: string;
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** Sends a raw body (a CSV file) with its content type. */
  /** A file as multipart/form-data (field `file`, with its name), or a body of `contentType`. */
  upload<T>(
    path: string,
    body: File | Blob | string,
    contentType: string,
    query?: Query,
  ): Promise<T>;
  /** Fetches a file (certificate, rejects report) and returns it as a Blob. */
  download(path: string, query?: Query): Promise<Blob>;
  login(email: string, password: string): Promise<{ user: { id: string; email: string } }>;
  logout(): Promise<void>;
  /** Called when the server says the session is gone (401), e.g. to show the sign-in again. */
  setUnauthenticatedHandler(handler: (() => void) | undefined): void;
}

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : undefined;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body.error?.code) {
      return new ApiError(
        res.status,
        body.error.code,
        body.error.message ?? '',
        body.error.details,
      );
    }
  } catch {
    // not the envelope: fall through
  }
  return new ApiError(res.status, res.status >= 500 ? 'internal' : 'unknown', text.slice(0, 200));
}

export function createApiClient(base = ''): ApiClient {
  let csrf: string | undefined;
  let onUnauthenticated: (() => void) | undefined;
  const token = () => csrf ?? readCookie('texto_csrf');

  async function send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json');
    const unsafe = method !== 'GET';
    const t = token();
    if (unsafe && t) headers.set('x-csrf-token', t);
    let res: Response;
    try {
      res = await fetch(base + path, { ...init, method, headers, credentials: 'same-origin' });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (!res.ok) {
      const error = await readError(res);
      if (error.status === 401 && path !== '/api/auth/login' && path !== '/api/me') {
        onUnauthenticated?.();
      }
      throw error;
    }
    return res;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit =
      body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const res = await send(method, path, init);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    get: (path, query) => json('GET', withQuery(path, query)),
    post: (path, body) => json('POST', path, body ?? {}),
    patch: (path, body) => json('PATCH', path, body ?? {}),
    del: (path) => json('DELETE', path),
    async upload(path, body, contentType, query) {
      // A File goes as a form so that its name reaches the server (the consent ledger's origin
      // and the job's messages name it); the browser sets the multipart boundary itself.
      let init: RequestInit = { body, headers: { 'content-type': contentType } };
      if (body instanceof File) {
        const form = new FormData();
        form.set('file', body, body.name);
        init = { body: form };
      }
      const res = await send('POST', withQuery(path, query), init);
      return (await res.json()) as never;
    },
    async download(path, query) {
      const res = await send('GET', withQuery(path, query));
      return res.blob();
    },
    async login(email, password) {
      const answer = await json<{ user: { id: string; email: string }; csrfToken: string }>(
        'POST',
        '/api/auth/login',
        { email, password },
      );
      csrf = answer.csrfToken;
      return answer;
    },
    setUnauthenticatedHandler(handler) {
      onUnauthenticated = handler;
    },
    async logout() {
      try {
        await json('POST', '/api/auth/logout', {});
      } finally {
        csrf = undefined;
      }
    },
  };
}
