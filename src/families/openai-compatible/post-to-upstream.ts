/**
 * One POST to an OpenAI-compatible upstream (`/chat/completions`, `/embeddings`, `/responses`): the provider's
 * URL and query, the header that carries its key, and its transport; failures become the proxy's
 * errors (unreachable, or the upstream's HTTP error read from its body).
 */
import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import { sendUpstream } from '../../core/send-upstream';
import { upstreamHttpError, upstreamUnreachable } from '../../core/upstream-error';
import type { OpenAICompatibleOptions } from './options';
import { readOpenAICompatibleError } from './read-openai-compatible-error';

export interface UpstreamCall {
  readonly provider: ConfiguredProvider<OpenAICompatibleOptions>;
  readonly model: ModelInfo;
  readonly key: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[];
}

export interface UpstreamReply {
  readonly response: Response;
  /** the parsed JSON body, or with `parseAs: 'stream'` the body stream (never empty) */
  readonly data: unknown;
}

export async function postToUpstream(
  path: '/chat/completions' | '/embeddings' | '/responses',
  call: UpstreamCall,
  body: Readonly<Record<string, unknown>>,
  parseAs: 'json' | 'stream' | 'raw',
): Promise<UpstreamReply> {
  const { provider, model, secrets } = call;
  const options = provider.def.options;
  const target = (path === '/responses' ? options.responsesTarget : options.target)?.(provider, model) ?? { baseUrl: provider.baseUrl };
  const url = `${target.baseUrl}${path}${target.query ? `?${target.query}` : ''}`;
  const { key } = call;
  const response = await sendUpstream(call, {
    url,
    body: JSON.stringify(body),
    auth: async () => (key ? (options.auth?.(key) ?? { authorization: `Bearer ${key}` }) : {}),
    transport: options.fetchVia?.(provider),
  });
  if (!response.ok) {
    throw upstreamHttpError(provider, response.status, readOpenAICompatibleError(await response.text()), response.headers, secrets);
  }
  if (parseAs === 'raw') return { response, data: undefined };
  if (parseAs === 'stream') {
    if (!response.body) throw upstreamUnreachable(provider, url, new Error('empty response body'), secrets);
    return { response, data: response.body };
  }
  try {
    return { response, data: await response.json() };
  } catch {
    throw upstreamUnreachable(provider, url, new Error('the answer was not JSON'), secrets);
  }
}
