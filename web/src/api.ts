/**
 * The one way the web UI talks to the server: JSON over fetch, the session cookie sent along, the
 * CSRF token on every write, and errors turned into `ApiError` carrying the server's Chinese
 * message (and per-field messages when the server gives them).
 */

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The token from the me object; sent as X-CSRF-Token on every non-GET request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when any request (other than logging in) answers 401: the session is gone. */
export function onUnauthorized(handler: (() => void) | null) {
  unauthorizedHandler = handler;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string | undefined;
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    // DELETE carries no body (and so no content type); other writes always send JSON, `{}` when empty.
    if (method !== 'DELETE') {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body ?? {});
    }
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = data as { code?: string; message?: string; fields?: FieldError[] } | undefined;
    const message =
      err?.message || (res.status >= 500 ? `服务器暂时无法处理请求（HTTP ${res.status}），请稍后重试` : `请求失败（HTTP ${res.status}）`);
    const error = new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, message, err?.fields);
    if (res.status === 401 && path !== '/api/auth/login') unauthorizedHandler?.();
    throw error;
  }
  if (text && data === undefined) throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回的数据格式不正确');
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The message of any error in words (the API's Chinese message, or a generic one). */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  if (e instanceof Error && e.message) return `操作失败：${e.message}`;
  return '操作失败，请稍后重试';
}
