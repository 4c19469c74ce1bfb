/**
 * One error type for everything the proxy refuses or fails at. Each inbound dialect renders it in
 * its own shape (OpenAI `{error:{...}}`, Ollama `{error:"..."}`), so the cause is decided once.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'upstream_error'
  | 'server_error';

export interface ProxyErrorInit {
  status: number;
  type: ErrorType;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
  /** the upstream's own HTTP status, when the error is its answer (dispatch decides retries on it) */
  upstreamStatus?: number;
  /** how long the upstream asked us to wait (`Retry-After`, `retry-after-ms`) */
  retryAfterMs?: number;
}

export class ProxyError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: ProxyErrorInit) {
    super(message);
    this.name = 'ProxyError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.headers = init.headers ?? {};
    this.upstreamStatus = init.upstreamStatus;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null): ProxyError =>
  new ProxyError(message, { status: 400, type: 'invalid_request_error', param, code });

export const notFound = (message: string, code: string): ProxyError =>
  new ProxyError(message, { status: 404, type: 'not_found_error', code });

/** Anything that is not a ProxyError is a bug or a network failure: never show its internals. */
export function toProxyError(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new ProxyError('The upstream request was aborted.', { status: 499, type: 'server_error', code: 'aborted' });
  }
  return new ProxyError('The proxy failed to complete the request.', { status: 500, type: 'server_error', code: 'internal_error' });
}
