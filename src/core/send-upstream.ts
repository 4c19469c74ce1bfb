import type { ConfiguredProvider } from './provider';
import type { Secrets } from './secrets';
import { upstreamUnreachable } from './upstream-error';
import { upstreamTransport, type UpstreamResponse, type UpstreamTransport } from './upstream-transport';

export interface UpstreamPost {
  url: string;
  body: string;
  /** auth headers; `refresh` asks for fresh credentials */
  auth: (refresh: boolean) => Promise<Record<string, string>>;
  /** credentials can go stale before they expire (OAuth tokens): retry a 401 once with fresh ones */
  refreshOn401?: boolean | undefined;
  headers?: Record<string, string>;
  /** a transport other than the runtime's network one (the Workers AI binding) */
  transport?: UpstreamTransport | undefined;
}

/** What a call needs to be sent: whose it is, when to give up, what never to echo. */
export interface UpstreamCallContext {
  readonly provider: ConfiguredProvider;
  readonly signal: AbortSignal | undefined;
  readonly secrets: Secrets;
}

/**
 * POSTs JSON for one call through the runtime's transport, aborting with the client; a network
 * failure is a 502 naming the host. The generated clients hand it plain data: a client that
 * builds its own Request first (openapi-fetch) cost about a third of the proxy's CPU per request
 * (docs/benchmarks.md).
 */
export async function sendUpstream(call: UpstreamCallContext, post: UpstreamPost): Promise<UpstreamResponse> {
  const transport = post.transport ?? upstreamTransport();
  const send = async (refresh: boolean): Promise<UpstreamResponse> => {
    const auth = await post.auth(refresh);
    // Credentials obtained at run time (OAuth access tokens) are secrets as much as the keys are.
    for (const value of Object.values(auth)) call.secrets.add(value);
    const headers = { 'content-type': 'application/json', ...auth, ...post.headers };
    try {
      return await transport({ method: 'POST', url: post.url, headers, body: post.body, signal: call.signal });
    } catch (error) {
      if (call.signal?.aborted) throw error;
      throw upstreamUnreachable(call.provider, post.url, error, call.secrets);
    }
  };
  const response = await send(false);
  if (response.status !== 401 || !post.refreshOn401) return response;
  await response.body?.getReader().cancel();
  return send(true);
}
