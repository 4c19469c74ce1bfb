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

/** An overloaded upstream is Anthropic's 529 again, whatever status the proxy's other dialects give it. */
const statusOf = (error: ProxyError): number => (error.code === 'upstream_overloaded' ? 529 : error.status);

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
