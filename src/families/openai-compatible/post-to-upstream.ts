/**
 * One POST to an OpenAI-compatible upstream (`/chat/completions`, `/embeddings`): the provider's
 * URL and query, the header that carries its key, and its transport; failures become the proxy's
 * errors (unreachable, or the upstream's HTTP error read from its body).
 */
import createClient from 'openapi-fetch';
import type { paths } from '../../../generated/openai/schema';
import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import { upstreamHttpError, upstreamUnreachable } from '../../core/upstream-error';
import type { OpenAICompatibleOptions } from './options';
import { readOpenAICompatibleError } from './read-openai-compatible-error';

// Resolve fetch per call so test interceptors installed after import still see the request.
const client = createClient<paths>({ fetch: (request) => globalThis.fetch(request) });

export interface UpstreamCall {
  readonly provider: ConfiguredProvider<OpenAICompatibleOptions>;
  readonly model: ModelInfo;
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[];
}

export interface UpstreamReply {
  readonly response: Response;
  /** the parsed JSON body, or with `parseAs: 'stream'` the body stream (never empty) */
  readonly data: unknown;
}

export async function postToUpstream(
  path: '/chat/completions' | '/embeddings',
  call: UpstreamCall,
  body: Record<string, unknown>,
  parseAs: 'json' | 'stream',
): Promise<UpstreamReply> {
  const { provider, model, secrets } = call;
  const options = provider.def.options;
  const target = options.target?.(provider, model) ?? { baseUrl: provider.baseUrl };
  const fetchVia = options.fetchVia?.(provider);
  const headers: Record<string, string> = provider.key ? (options.auth?.(provider.key) ?? { authorization: `Bearer ${provider.key}` }) : {};
  let result;
  try {
    result = await client.POST(path as '/chat/completions', {
      baseUrl: target.baseUrl,
      querySerializer: () => target.query ?? '',
      headers,
      body: body as never,
      signal: call.signal,
      ...(fetchVia ? { fetch: fetchVia } : {}),
      parseAs,
    });
  } catch (error) {
    if (call.signal?.aborted) throw error;
    throw upstreamUnreachable(provider, target.baseUrl, error, secrets);
  }
  const { response } = result;
  if (!response.ok) {
    throw upstreamHttpError(provider, response.status, readOpenAICompatibleError(result.error), response.headers, secrets);
  }
  if (parseAs === 'stream' && !response.body)
    throw upstreamUnreachable(provider, target.baseUrl, new Error('empty response body'), secrets);
  return { response, data: result.data };
}
