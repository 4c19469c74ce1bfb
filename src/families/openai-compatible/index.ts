/**
 * The openai-compatible family: OpenAI and every vendor that speaks its chat API. Requests are
 * nearly passed through; responses are normalized to standard OpenAI fields.
 */
import createClient from 'openapi-fetch';
import type { paths } from '../../../generated/openai/schema';
import { collectChatCompletion } from '../../core/collect-chat-completion';
import type { Family } from '../../core/provider';
import { upstreamHttpError, upstreamUnreachable } from '../../core/upstream-error';
import { openaiCompatibleRequestFields } from './chat-request-fields';
import { readOpenAICompatibleError } from './read-openai-compatible-error';
import { convertToOpenAICompatibleRequest } from './convert-to-openai-compatible-request';
import { normalizeCompletion } from './normalize-openai-compatible-response';
import { translateOpenAICompatibleStream } from './openai-compatible-stream';
import type { OpenAICompatibleOptions } from './options';

export type { OpenAICompatibleOptions } from './options';

// Resolve fetch per call so test interceptors installed after import still see the request.
const client = createClient<paths>({ fetch: (request) => globalThis.fetch(request) });

export const openaiCompatible: Family<OpenAICompatibleOptions> = {
  id: 'openai-compatible',
  fields: openaiCompatibleRequestFields,
  async chat(call) {
    const { provider, model, secrets } = call;
    const options = provider.def.options;
    const body = convertToOpenAICompatibleRequest(call);
    const collect = !call.request.stream && options.mustStream?.(body, model) === true;
    if (collect) {
      body.stream = true;
      if (options.streamOptions !== false) body.stream_options = { include_usage: true };
    }
    const streaming = call.request.stream === true || collect;
    const fetchVia = options.fetchVia?.(provider);
    const target = options.target?.(provider, model) ?? { baseUrl: provider.baseUrl };
    const headers: Record<string, string> = provider.key
      ? (options.auth?.(provider.key) ?? { authorization: `Bearer ${provider.key}` })
      : {};
    let result;
    try {
      result = await client.POST('/chat/completions', {
        baseUrl: target.baseUrl,
        querySerializer: () => target.query ?? '',
        headers,
        body: body as never,
        signal: call.signal,
        ...(fetchVia ? { fetch: fetchVia } : {}),
        parseAs: streaming ? 'stream' : 'json',
      });
    } catch (error) {
      if (call.signal?.aborted) throw error;
      throw upstreamUnreachable(provider, target.baseUrl, error, secrets);
    }
    const { response } = result;
    if (!response.ok) {
      throw upstreamHttpError(provider, response.status, readOpenAICompatibleError(result.error), response.headers, secrets);
    }
    if (streaming) {
      if (!response.body) throw upstreamUnreachable(provider, target.baseUrl, new Error('empty response body'), secrets);
      if (!collect) return { kind: 'stream', chunks: translateOpenAICompatibleStream(response.body, call) };
      const chunks = translateOpenAICompatibleStream(response.body, { ...call, includeUsage: true });
      return { kind: 'completion', body: await collectChatCompletion(chunks) };
    }
    return { kind: 'completion', body: normalizeCompletion(result.data) };
  },
};
