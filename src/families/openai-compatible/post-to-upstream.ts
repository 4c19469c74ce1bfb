/**
 * One POST to an OpenAI-compatible upstream (`/chat/completions`, `/embeddings`): the provider's
 * URL and query, the header that carries its key, and its transport; failures become the proxy's
 * errors (unreachable, or the upstream's HTTP error read from its body).
 */
import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import { readUpstreamErrorText } from '../../core/read-upstream-error-text';
import { readUpstreamJson, type ReplyCheck } from '../../core/read-upstream-json';
import type { Secrets } from '../../core/secrets';
import { sendUpstream } from '../../core/send-upstream';
import { upstreamHttpError, upstreamInvalidResponse } from '../../core/upstream-error';
import type { OpenAICompatibleOptions } from './options';
import { readOpenAICompatibleError } from './read-openai-compatible-error';

export interface UpstreamCall {
  readonly provider: ConfiguredProvider<OpenAICompatibleOptions>;
  readonly model: ModelInfo;
  readonly key: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly secrets: Secrets;
}

export interface UpstreamReply {
  readonly response: Response;
  /** the parsed and checked JSON body, or with `'stream'` the body stream (never empty) */
  readonly data: unknown;
}

export async function postToUpstream(
  path: '/chat/completions' | '/embeddings',
  call: UpstreamCall,
  body: Record<string, unknown>,
  reply: ReplyCheck | 'stream',
): Promise<UpstreamReply> {
  const { provider, model, secrets } = call;
  const options = provider.def.options;
  const target = options.target?.(provider, model) ?? { baseUrl: provider.baseUrl };
  const url = `${target.baseUrl}${path}${target.query ? `?${target.query}` : ''}`;
  const { key } = call;
  const response = await sendUpstream(call, {
    url,
    body: JSON.stringify(body),
    auth: async () => (key ? (options.auth?.(key) ?? { authorization: `Bearer ${key}` }) : {}),
    transport: options.fetchVia?.(provider),
  });
  if (!response.ok) {
    const text = await readUpstreamErrorText(response);
    throw upstreamHttpError(provider, response.status, readOpenAICompatibleError(text), response.headers, secrets);
  }
  if (reply === 'stream') {
    if (!response.body) throw upstreamInvalidResponse(provider, 'an empty body');
    return { response, data: response.body };
  }
  return { response, data: await readUpstreamJson(provider, response, reply) };
}
