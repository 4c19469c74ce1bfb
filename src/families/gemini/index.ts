/**
 * The gemini family: generateContent (and embeddings), on Google AI Studio (API key) or on Vertex AI (OAuth). The
 * provider options say where and how to authenticate; everything else is here.
 */
import { defineFamily } from '../../core/define-family';
import { geminiRequestFields } from './chat-request-fields';
import { checkGeminiResponse } from './check-gemini-reply';
import { convertGeminiResponse } from './convert-gemini-response';
import { convertToGeminiRequest } from './convert-to-gemini-request';
import { countGeminiTokens } from './count-gemini-tokens';
import { embedGemini } from './embed-gemini';
import { generateCall, sendOptions } from './gemini-calls';
import { GeminiStreamTranslator } from './gemini-stream';
import type { GeminiOptions } from './options';
import { readGeminiError } from './read-gemini-error';
import type { GeminiRequest, GeminiResponse } from './types';

export type { GeminiOptions } from './options';

export const gemini = defineFamily<GeminiOptions, GeminiRequest, GeminiResponse, undefined>({
  id: 'gemini',
  fields: geminiRequestFields,
  convertRequest: async (call) => ({ body: await convertToGeminiRequest(call), stream: call.request.stream === true, context: undefined }),
  endpoint: (call, { body, stream }) => ({ request: generateCall(call, body, stream), send: sendOptions(call) }),
  readError: readGeminiError,
  checkReply: checkGeminiResponse,
  convertResponse: (reply, { provider, model }) => convertGeminiResponse(reply, model.upstream, provider.def.name),
  translateStream: (call) => new GeminiStreamTranslator(call),
  countTokens: countGeminiTokens,
  embed: embedGemini,
});
