// The controller's REST API, reached through the manager on the same origin. One instance per session.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 0,
  ) {
    super(message);
  }
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiOptions {
  /** Called when the controller no longer knows the token (expired, logged out elsewhere). */
  onUnauthorized?: () => void;
  /** Called on every call, so that a session's idle clock restarts. */
  onActivity?: () => void;
}

export class Api {
  token: string | null;
  private readonly options: ApiOptions;

  constructor(token: string | null = null, options: ApiOptions = {}) {
    this.token = token;
    this.options = options;
  }

  get<T>(path: string, query?: URLSearchParams | Record<string, string | number | undefined>): Promise<T> {
    return this.call<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('DELETE', path, body);
  }

  /**
   * A call whose body or answer is not JSON (a backup, a YAML assessment) or that needs headers of its own
   * (Content-Type, X-Transaction-ID): the response itself, with the session's token and expiry handling.
   */
  raw(method: Method, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(method, path, headers, body);
  }

  async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.send(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  private async send(method: Method, path: string, headers: Record<string, string>, body?: BodyInit): Promise<Response> {
    const sent = { ...headers };
    if (this.token) sent['X-Auth-Token'] = this.token;
    let response: Response;
    try {
      response = await fetch(path, { method, headers: sent, body });
    } catch {
      throw new ApiError(0, 'The console cannot reach its server; check the network and try again.');
    }
    if (!response.ok) throw await errorOf(response, this.options);
    this.options.onActivity?.();
    return response;
  }
}

async function errorOf(response: Response, options: ApiOptions): Promise<ApiError> {
  if (response.status === 401) options.onUnauthorized?.();
  let message = `${response.status} ${response.statusText}`.trim();
  let code = 0;
  try {
    const body = await response.json();
    message = body.message || body.error || message;
    code = body.code ?? 0;
  } catch {
    // not JSON: the status says it
  }
  return new ApiError(response.status, message, code);
}

export function withQuery(path: string, query?: URLSearchParams | Record<string, string | number | undefined>): string {
  if (!query) return path;
  const params = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}
