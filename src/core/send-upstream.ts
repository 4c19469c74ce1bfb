import type { ChatCall } from './provider';
import { upstreamUnreachable } from './upstream-error';

export interface UpstreamPost {
  url: string;
  body: string;
  /** auth headers; `refresh` asks for fresh credentials */
  auth: (refresh: boolean) => Promise<Record<string, string>>;
  /** credentials can go stale before they expire (OAuth tokens): retry a 401 once with fresh ones */
  refreshOn401?: boolean | undefined;
  headers?: Record<string, string>;
}

/** POSTs JSON for one call, aborting with the client; a network failure is a 502 naming the host. */
export async function sendUpstream(call: ChatCall, post: UpstreamPost): Promise<Response> {
  const send = async (refresh: boolean): Promise<Response> => {
    const headers = { 'content-type': 'application/json', ...(await post.auth(refresh)), ...post.headers };
    try {
      return await fetch(post.url, { method: 'POST', headers, body: post.body, signal: call.signal });
    } catch (error) {
      if (call.signal?.aborted) throw error;
      throw upstreamUnreachable(call.provider, post.url, error, call.secrets);
    }
  };
  const response = await send(false);
  if (response.status !== 401 || !post.refreshOn401) return response;
  await response.body?.cancel();
  return send(true);
}
