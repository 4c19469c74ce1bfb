/**
 * One JSON POST of a family to its upstream: send it (sendUpstream), and turn an HTTP failure
 * into the proxy's error with the family's own reader of the vendor's error body. Shared by
 * chat and embeddings, so that every family reads errors bounded and the same way.
 */
import type { ProxyError } from './errors';
import { readUpstreamErrorText } from './read-upstream-error-text';
import { sendUpstream, type UpstreamCallContext, type UpstreamPost } from './send-upstream';
import { upstreamHttpError, type VendorError } from './upstream-error';
import type { UpstreamResponse } from './upstream-transport';

/**
 * The vendor's message, code and param from an error body, and the status it stands for (a
 * vendor may answer a bad key with a 400 that is the operator's key, reported like a 401).
 */
export type ReadVendorError = (text: string, status: number) => { vendor: VendorError; status: number };

/** Where a call goes and how it is authenticated, with its body still an object. */
export type UpstreamEndpoint = Omit<UpstreamPost, 'body'>;

/** Vendors that answer a failure with HTTP 200 and an error body (Coze's `{code, msg}`) say so here. */
export type ReadOkFailure = (response: UpstreamResponse, call: UpstreamCallContext) => Promise<ProxyError | undefined>;

export async function postUpstream(
  call: UpstreamCallContext,
  endpoint: UpstreamEndpoint,
  body: unknown,
  readError: ReadVendorError,
  readOkFailure?: ReadOkFailure,
): Promise<UpstreamResponse> {
  const response = await sendUpstream(call, { ...endpoint, body: JSON.stringify(body) });
  if (!response.ok) {
    const { vendor, status } = readError(await readUpstreamErrorText(response), response.status);
    throw upstreamHttpError(call.provider, status, vendor, response.headers, call.secrets);
  }
  const failure = await readOkFailure?.(response, call);
  if (failure) throw failure;
  return response;
}
