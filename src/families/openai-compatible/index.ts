/**
 * The openai-compatible family: OpenAI and every vendor that speaks its chat API. Requests are
 * nearly passed through; responses are normalized to standard OpenAI fields.
 */
import type { CreateChatCompletionResponse } from '../../../generated/openai/client';
import { defineFamily } from '../../core/define-family';
import { openaiCompatibleRequestFields } from './chat-request-fields';
import { checkCompletion } from './check-openai-compatible-reply';
import { convertToOpenAICompatibleRequest } from './convert-to-openai-compatible-request';
import { embedOpenAICompatible } from './embed';
import { normalizeCompletion } from './normalize-openai-compatible-response';
import { chatCompletionCall, sendOptions } from './openai-compatible-endpoint';
import { OpenAICompatibleStreamTranslator } from './openai-compatible-stream';
import type { OpenAICompatibleOptions } from './options';
import { openaiResponsesPassThrough } from './pass-through';
import { readOpenAICompatibleError } from './read-openai-compatible-error';

export type { OpenAICompatibleOptions } from './options';

// The body is the vendor's dialect of OpenAI's (extras, renamed fields), so it goes serialized.
export const openaiCompatible = defineFamily<OpenAICompatibleOptions, Record<string, unknown>, CreateChatCompletionResponse, undefined>({
  id: 'openai-compatible',
  fields: openaiCompatibleRequestFields,
  convertRequest: (call) => {
    const options = call.provider.def.options;
    const body = convertToOpenAICompatibleRequest(call);
    // The upstream must stream this one (DashScope's thinking): it is collected for the client.
    const collect = !call.request.stream && options.mustStream?.(body, call.model) === true;
    if (collect) {
      body.stream = true;
      if (options.streamOptions !== false) body.stream_options = { include_usage: true };
    }
    return { body, stream: call.request.stream === true || collect, context: undefined };
  },
  endpoint: (call, { body }) => ({ request: chatCompletionCall(call, { json: JSON.stringify(body) }), send: sendOptions(call) }),
  readError: readOpenAICompatibleError,
  checkReply: checkCompletion,
  convertResponse: (reply) => normalizeCompletion(reply),
  translateStream: (call) => new OpenAICompatibleStreamTranslator(call),
  embed: embedOpenAICompatible,
  passThrough: openaiResponsesPassThrough,
});
