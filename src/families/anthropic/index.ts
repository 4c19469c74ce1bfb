/**
 * The anthropic family: the Messages API, reached directly (Anthropic) or through Vertex AI
 * (rawPredict). The provider options say where and how to authenticate; everything else is here.
 */
import { defineFamily } from '../../core/define-family';
import { messagesCall, sendOptions } from './anthropic-calls';
import { AnthropicStreamTranslator } from './anthropic-stream';
import { anthropicRequestFields } from './chat-request-fields';
import { checkMessage } from './check-anthropic-reply';
import { convertAnthropicResponse } from './convert-anthropic-response';
import { convertToAnthropicRequest } from './convert-to-anthropic-request';
import type { AnthropicOptions } from './options';
import { anthropicPassThrough } from './pass-through';
import { readAnthropicError } from './read-anthropic-error';
import type { MessagesRequest, MessagesResponse } from './types';

export type { AnthropicOptions } from './options';

/** The context is the forced JSON tool, when response_format used one. */
export const anthropic = defineFamily<AnthropicOptions, MessagesRequest, MessagesResponse, string | undefined>({
  id: 'anthropic',
  fields: anthropicRequestFields,
  passThrough: anthropicPassThrough,
  convertRequest: async (call) => {
    const { body, jsonTool } = await convertToAnthropicRequest(call);
    return { body, stream: body.stream === true, context: jsonTool };
  },
  endpoint: (call, { body }) => ({
    request: messagesCall(call, body, call.inboundHeaders?.get('anthropic-beta') ?? undefined),
    send: sendOptions(call),
  }),
  readError: readAnthropicError,
  checkReply: checkMessage,
  convertResponse: (message, _call, jsonTool) => convertAnthropicResponse(message, jsonTool),
  translateStream: (call, jsonTool) => new AnthropicStreamTranslator(call, jsonTool),
});
