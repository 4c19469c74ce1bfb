/**
 * Where an OpenAI-compatible call goes (`/chat/completions`, `/embeddings`, and `/responses` for the
 * providers that have OpenAI's Responses API): the provider's URL and query, the header that carries
 * its key, and its transport (the Workers AI binding).
 */
import type { UpstreamEndpoint } from '../../core/post-upstream';
import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import type { OpenAICompatibleOptions } from './options';

export function openaiCompatibleEndpoint(
  call: { readonly provider: ConfiguredProvider<OpenAICompatibleOptions>; readonly model: ModelInfo; readonly key: string | undefined },
  path: '/chat/completions' | '/embeddings' | '/responses',
): UpstreamEndpoint {
  const { provider, model, key } = call;
  const options = provider.def.options;
  const target = (path === '/responses' ? options.responsesTarget : options.target)?.(provider, model) ?? { baseUrl: provider.baseUrl };
  return {
    url: `${target.baseUrl}${path}${target.query ? `?${target.query}` : ''}`,
    auth: async () => (key ? (options.auth?.(key) ?? { authorization: `Bearer ${key}` }) : {}),
    transport: options.fetchVia?.(provider),
  };
}
