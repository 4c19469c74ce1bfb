/**
 * The openai-compatible family: OpenAI and every vendor that speaks its chat API. Requests are
 * nearly passed through; responses are normalized to standard OpenAI fields.
 */
import { collectChatCompletion } from '../../core/collect-chat-completion';
import type { Family } from '../../core/provider';
import { openaiCompatibleRequestFields } from './chat-request-fields';
import { convertToOpenAICompatibleRequest } from './convert-to-openai-compatible-request';
import { embedOpenAICompatible } from './embed';
import { normalizeCompletion } from './normalize-openai-compatible-response';
import { translateOpenAICompatibleStream } from './openai-compatible-stream';
import type { OpenAICompatibleOptions } from './options';
import { postToUpstream } from './post-to-upstream';

export type { OpenAICompatibleOptions } from './options';

export const openaiCompatible: Family<OpenAICompatibleOptions> = {
  id: 'openai-compatible',
  fields: openaiCompatibleRequestFields,
  async chat(call) {
    const { model } = call;
    const options = call.provider.def.options;
    const body = convertToOpenAICompatibleRequest(call);
    const collect = !call.request.stream && options.mustStream?.(body, model) === true;
    if (collect) {
      body.stream = true;
      if (options.streamOptions !== false) body.stream_options = { include_usage: true };
    }
    const streaming = call.request.stream === true || collect;
    const { data } = await postToUpstream('/chat/completions', call, body, streaming ? 'stream' : 'json');
    if (streaming) {
      const stream = data as ReadableStream<Uint8Array>;
      if (!collect) return { kind: 'stream', chunks: translateOpenAICompatibleStream(stream, call) };
      const chunks = translateOpenAICompatibleStream(stream, { ...call, includeUsage: true });
      return { kind: 'completion', body: await collectChatCompletion(chunks) };
    }
    return { kind: 'completion', body: normalizeCompletion(data) };
  },
  embed: embedOpenAICompatible,
  passesThrough: (provider, operation) => operation === 'responses' && provider.def.options.responsesTarget !== undefined,
  async passThrough(call) {
    return (await postToUpstream(`/${call.operation}`, call, call.body, 'raw')).response;
  },
};
