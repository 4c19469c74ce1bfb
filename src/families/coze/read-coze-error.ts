/**
 * Coze's failures: `{code, msg}` as the body of an HTTP error, or of an HTTP 200 where a stream
 * was asked for, or as the data of an `error` event; each becomes the proxy's error for the HTTP
 * status its code stands for.
 */
import type { ReadOkFailure, ReadVendorError } from '../../core/post-upstream';
import { readUpstreamErrorText } from '../../core/read-upstream-error-text';
import { upstreamHttpError, upstreamInvalidResponse, type VendorError } from '../../core/upstream-error';
import { cozeErrorStatus } from './coze-error-status';

/** `{code, msg}` with a non-zero code, or undefined. */
export function cozeFailure(body: unknown): { vendor: VendorError; status: number } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, msg } = body as { code?: unknown; msg?: unknown };
  if (typeof code !== 'number' || code === 0) return undefined;
  const message = typeof msg === 'string' ? msg : '';
  return { vendor: { message: message || `error ${code}`, code: String(code) }, status: cozeErrorStatus(code, message) };
}

export const readCozeError: ReadVendorError = (text, status) => {
  try {
    const failure = cozeFailure(JSON.parse(text));
    if (failure) return { vendor: failure.vendor, status: status >= 500 ? status : failure.status };
  } catch {
    // not JSON: the text is the message
  }
  return { vendor: { message: text || undefined }, status };
};

/** A JSON body where SSE was asked for is Coze's `{code, msg}` failure. */
export const readCozeOkFailure: ReadOkFailure = async (response, call) => {
  if (!/^application\/json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  const text = await readUpstreamErrorText(response);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return upstreamInvalidResponse(call.provider, 'the body is not JSON');
  }
  const failure = cozeFailure(body);
  if (!failure) return upstreamInvalidResponse(call.provider, 'JSON where the event stream was asked for');
  return upstreamHttpError(call.provider, failure.status, failure.vendor, response.headers, call.secrets);
};
