import type { ConfiguredProvider } from './provider';
import type { Secrets } from './secrets';
import { upstreamUnreachable } from './upstream-error';

export interface UpstreamPost {
  url: string;
  body: string;
  /** auth headers; `refresh` asks for fresh credentials */
  auth: (refresh: boolean) => Promise<Record<string, string>>;
  /** credentials can go stale before they expire (OAuth tokens): retry a 401 once with fresh ones */
  refreshOn401?: boolean | undefined;
  headers?: Record<string, string>;
  /** a transport other than the network (the Workers AI binding) */
  transport?: ((request: Request) => Promise<Response>) | undefined;
}

/** What a call needs to be sent: whose it is, when to give up, what never to echo. */
export interface UpstreamCallContext {
  readonly provider: ConfiguredProvider;
  readonly signal: AbortSignal | undefined;
  readonly secrets: Secrets;
}

/**
 * POSTs JSON for one call, aborting with the client; a network failure is a 502 naming the host.
 * Plain fetch: a typed client that builds its own Request first cost about a third of the
 * proxy's CPU per request (docs/benchmarks.md).
 */
export async function sendUpstream(call: UpstreamCallContext, post: UpstreamPost): Promise<Response> {
  const send = async (refresh: boolean): Promise<Response> => {
    const auth = await post.auth(refresh);
    // Credentials obtained at run time (OAuth access tokens) are secrets as much as the keys are.
    for (const value of Object.values(auth)) call.secrets.add(value);
    const headers = { 'content-type': 'application/json', ...auth, ...post.headers };
    const init: RequestInit = { method: 'POST', headers, body: post.body, signal: call.signal ?? null };
    try {
      return await (post.transport ? post.transport(new Request(post.url, init)) : fetch(post.url, init));
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
