/**
 * One POST of a family to its upstream, as its generated client built it: send it (sendUpstream),
 * and turn an HTTP failure into the proxy's error with the family's own reader of the vendor's
 * error body. Shared by chat, embeddings, token counts and pass-through, so that every family
 * reads errors bounded and the same way.
 */
import type { ProxyError } from './errors';
import { readUpstreamErrorText } from './read-upstream-error-text';
import { sendUpstream, type UpstreamCallContext, type UpstreamPost } from './send-upstream';
import type { UpstreamPostCall } from './upstream-call';
import { upstreamHttpError, type VendorError } from './upstream-error';
import type { UpstreamResponse } from './upstream-transport';

/**
 * The vendor's message, code and param from an error body, and the status it stands for (a
 * vendor may answer a bad key with a 400 that is the operator's key, reported like a 401).
 */
export type ReadVendorError = (text: string, status: number) => { vendor: VendorError; status: number };

/** How a call is sent beyond what its operation says: a provider's stale-credential retry and transport. */
export type SendOptions = Pick<UpstreamPost, 'refreshOn401' | 'transport'>;

/** Vendors that answer a failure with HTTP 200 and an error body (Coze's `{code, msg}`) say so here. */
export type ReadOkFailure = (response: UpstreamResponse, call: UpstreamCallContext) => Promise<ProxyError | undefined>;

/** A successful reply to a call, typed with the JSON its operation declares (for `readUpstreamJson`). */
export type UpstreamReply<Reply> = UpstreamResponse & { readonly reply?: Reply };

export async function postUpstream<Reply>(
  call: UpstreamCallContext,
  request: UpstreamPostCall<Reply>,
  readError: ReadVendorError,
  options?: SendOptions & { readOkFailure?: ReadOkFailure | undefined },
): Promise<UpstreamReply<Reply>> {
  const response = await sendUpstream(call, {
    url: request.url,
    body: request.body,
    auth: request.auth,
    headers: request.headers,
    refreshOn401: options?.refreshOn401,
    transport: options?.transport,
  });
  if (!response.ok) {
    const { vendor, status } = readError(await readUpstreamErrorText(response), response.status);
    throw upstreamHttpError(call.provider, status, vendor, response.headers, call.secrets);
  }
  // Most families have no such reader; awaiting nothing would still cost a turn of the microtask queue.
  const readOkFailure = options?.readOkFailure;
  const failure = readOkFailure ? await readOkFailure(response, call) : undefined;
  if (failure) throw failure;
  return response;
}
