/**
 * The gemini family: generateContent, on Google AI Studio (API key) or on Vertex AI (OAuth). The
 * provider options say where and how to authenticate; everything else is here.
 */
import type { Family } from '../../core/provider';
import { readUpstreamErrorText } from '../../core/read-upstream-error-text';
import { readUpstreamJson } from '../../core/read-upstream-json';
import { sendUpstream } from '../../core/send-upstream';
import { upstreamHttpError, upstreamInvalidResponse } from '../../core/upstream-error';
import { geminiRequestFields } from './chat-request-fields';
import { checkGeminiResponse } from './check-gemini-reply';
import { convertGeminiResponse } from './convert-gemini-response';
import { convertToGeminiRequest } from './convert-to-gemini-request';
import { countGeminiTokens } from './count-gemini-tokens';
import { translateGeminiStream } from './gemini-stream';
import type { GeminiOptions } from './options';
import { readGeminiError } from './read-gemini-error';
import type { GeminiResponse } from './types';

export type { GeminiOptions } from './options';

export const gemini: Family<GeminiOptions> = {
  id: 'gemini',
  fields: geminiRequestFields,
  async chat(call) {
    const { provider, model, secrets } = call;
    const options = provider.def.options;
    const body = JSON.stringify(await convertToGeminiRequest(call));
    const stream = call.request.stream === true;
    const url = options.url(provider, model, stream);

    const response = await sendUpstream(call, {
      url,
      body,
      auth: (refresh) => options.auth(provider, call.key, refresh),
      refreshOn401: options.refreshOn401,
    });
    if (!response.ok) {
      const { vendor, status } = readGeminiError(await readUpstreamErrorText(response), response.status);
      throw upstreamHttpError(provider, status, vendor, response.headers, secrets);
    }
    if (stream) {
      if (!response.body) throw upstreamInvalidResponse(provider, 'an empty body');
      return { kind: 'stream', chunks: translateGeminiStream(response.body, call) };
    }
    const reply = await readUpstreamJson<GeminiResponse>(provider, response, checkGeminiResponse);
    return { kind: 'completion', body: convertGeminiResponse(reply, model.upstream, provider.def.name) };
  },
  countTokens: countGeminiTokens,
};
