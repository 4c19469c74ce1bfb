/**
 * A ProxyError in Anthropic's error shape, `{"type":"error","error":{"type","message"}}`, with the
 * status and type an Anthropic client branches on (Claude Code retries 429 and 529, shows 400s).
 * @see https://docs.anthropic.com/en/api/errors
 */
import type { ProxyError } from '../../core/errors';
import type { ErrorBody } from './anthropic-types';

const TYPE_BY_STATUS: Readonly<Record<number, ErrorBody['error']['type']>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/**
 * The upstream statuses that mean "overloaded": Anthropic's own 529, and 503 from the other vendors
 * (Gemini's UNAVAILABLE "The model is overloaded", OpenAI-compatible vendors' 503), as the proxy's
 * other dialects read them too (upstream-error.ts: both are `upstream_overloaded`).
 */
const OVERLOADED = new Set([503, 529]);

/**
 * An overloaded upstream is Anthropic's 529 again, whatever status the proxy's other dialects give
 * it: refused over HTTP, or in the stream (an in-stream error keeps the upstream's status beside
 * the proxy's own 502), so Claude Code retries it as it retries Claude's own `overloaded_error`.
 */
const statusOf = (error: ProxyError): number =>
  error.code === 'upstream_overloaded' || (error.upstreamStatus !== undefined && OVERLOADED.has(error.upstreamStatus)) ? 529 : error.status;

export function anthropicErrorBody(error: ProxyError): ErrorBody {
  const status = statusOf(error);
  const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return { type: 'error', error: { type, message: error.message } };
}

export function anthropicErrorResponse(error: ProxyError): Response {
  return new Response(JSON.stringify(anthropicErrorBody(error)), {
    status: statusOf(error),
    headers: { 'content-type': 'application/json', ...error.headers },
  });
}
