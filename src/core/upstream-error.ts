/**
 * Upstream failures in the proxy's terms (DESIGN section 7), shared by every family: each family
 * only extracts the vendor's message from its own error shape.
 */
import { ProxyError } from './errors';
import type { ConfiguredProvider } from './provider';
import { capText } from './cap-text';
import { retryAfterMs } from './retry-after';
import type { Secrets } from './secrets';
import type { UpstreamHeaders } from './upstream-transport';

/** How much of a vendor's message reaches the client, cut after redaction so no key is cut in half. */
const MAX_VENDOR_MESSAGE = 2000;

/** What a family could read from the vendor's error body. */
export interface VendorError {
  message?: string | undefined;
  code?: string | undefined;
  param?: string | undefined;
}

export function upstreamHttpError(
  provider: ConfiguredProvider,
  status: number,
  vendor: VendorError,
  headers: UpstreamHeaders,
  secrets: Secrets,
): ProxyError {
  const name = provider.def.name;
  const waitMs = retryAfterMs(headers);
  const upstream = { upstreamStatus: status, ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }) };
  const message = vendor.message ? capText(secrets.redact(vendor.message), MAX_VENDOR_MESSAGE) : `HTTP ${status}`;
  // xAI answers a bad key with 400 "Incorrect API key provided"; it is still the operator's key.
  const keyRejected = status === 400 && /\b(incorrect|invalid) api key\b/i.test(vendor.message ?? '');
  if (status === 401 || status === 403 || keyRejected) {
    const variable = provider.def.keyHint ?? provider.def.env.key?.[0] ?? 'its key';
    return new ProxyError(`${name} rejected the proxy's credentials (HTTP ${status}). Check ${variable}.`, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_auth_failed',
      ...upstream,
    });
  }
  if (status === 402) {
    return new ProxyError(`${name} refused the proxy's account (HTTP 402): ${message}`, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_payment_required',
      ...upstream,
    });
  }
  if (status === 429) {
    const retryAfter = headers.get('retry-after');
    return new ProxyError(`${name} rate limit: ${message}`, {
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      headers: retryAfter ? { 'retry-after': retryAfter } : {},
      ...upstream,
    });
  }
  if (status >= 500) {
    return new ProxyError(`${name} error: ${message}`, {
      status: status === 529 ? 503 : status,
      type: 'upstream_error',
      code: status === 529 || status === 503 ? 'upstream_overloaded' : 'upstream_error',
      ...upstream,
    });
  }
  // The vendor's code survives (e.g. Azure's content_filter) so clients can still branch on it.
  return new ProxyError(`${name}: ${message}`, {
    status: status === 404 ? 404 : status >= 400 ? status : 502,
    type: status === 404 ? 'not_found_error' : 'invalid_request_error',
    code: vendor.code ?? 'upstream_rejected_request',
    param: vendor.param ?? null,
    ...upstream,
  });
}

export function upstreamUnreachable(provider: ConfiguredProvider, url: string, cause: unknown, secrets: Secrets): ProxyError {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return 'its base URL';
    }
  })();
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new ProxyError(`Could not reach ${provider.def.name} at ${host}: ${capText(secrets.redact(reason), MAX_VENDOR_MESSAGE)}`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_unreachable',
  });
}

/** A failure after the stream started: the dialect ends the stream with it as an error event. */
export function upstreamStreamError(provider: ConfiguredProvider, message: string, secrets: Secrets, upstreamStatus?: number): ProxyError {
  return new ProxyError(`${provider.def.name} stream failed: ${capText(secrets.redact(message), MAX_VENDOR_MESSAGE)}`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_stream_error',
    // the HTTP status the vendor's in-stream error stands for, so dispatch can retry it before the first byte
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
  });
}

/** Whatever broke a stream, as the error its dialect ends the stream with. */
export function asStreamError(provider: ConfiguredProvider, error: unknown, secrets: Secrets): ProxyError {
  if (error instanceof ProxyError) return error;
  return upstreamStreamError(provider, error instanceof Error ? error.message : String(error), secrets);
}

/** An attempt that ran out of time; the variable named is the one that sets the bound. */
export function upstreamTimeout(
  provider: ConfiguredProvider,
  variable: 'UPSTREAM_TIMEOUT_MS' | 'UPSTREAM_IDLE_TIMEOUT_MS',
  ms: number,
): ProxyError {
  const what = variable === 'UPSTREAM_TIMEOUT_MS' ? `did not start answering within ${ms} ms` : `sent nothing for ${ms} ms mid-stream`;
  return new ProxyError(`${provider.def.name} ${what}; the proxy gave up (${variable} sets the limit).`, {
    status: 504,
    type: 'upstream_error',
    code: 'upstream_timeout',
  });
}

/** A reply the proxy cannot use (not JSON, HTML, empty, cut off, missing the fields it reads): never relayed as an answer. */
export function upstreamInvalidResponse(provider: ConfiguredProvider, what: string): ProxyError {
  return new ProxyError(`${provider.def.name} sent a reply the proxy could not use: ${what}.`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_invalid_response',
  });
}
