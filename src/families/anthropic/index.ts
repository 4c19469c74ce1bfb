/**
 * The anthropic family: the Messages API, reached directly (Anthropic) or through Vertex AI
 * (rawPredict). The provider options say where and how to authenticate; everything else is here.
 */
import type { Family } from '../../core/provider';
import { readUpstreamErrorText } from '../../core/read-upstream-error-text';
import { readUpstreamJson } from '../../core/read-upstream-json';
import { sendUpstream } from '../../core/send-upstream';
import { upstreamHttpError, upstreamInvalidResponse } from '../../core/upstream-error';
import { translateAnthropicStream } from './anthropic-stream';
import { anthropicRequestFields } from './chat-request-fields';
import { checkMessage } from './check-anthropic-reply';
import { convertAnthropicResponse } from './convert-anthropic-response';
import { convertToAnthropicRequest } from './convert-to-anthropic-request';
import type { AnthropicOptions } from './options';
import { anthropicPassThrough } from './pass-through';
import { readAnthropicError } from './read-anthropic-error';
import type { MessagesResponse } from './types';

export type { AnthropicOptions } from './options';

export const anthropic: Family<AnthropicOptions> = {
  id: 'anthropic',
  fields: anthropicRequestFields,
  passThrough: anthropicPassThrough,
  async chat(call) {
    const { provider, model, secrets } = call;
    const options = provider.def.options;
    const { body, jsonTool } = await convertToAnthropicRequest(call);
    const stream = body.stream === true;
    const endpoint = options.endpoint(provider, model, stream);
    const payload = JSON.stringify(endpoint.body(body));
    const beta = call.inboundHeaders?.get('anthropic-beta');

    const response = await sendUpstream(call, {
      url: endpoint.url,
      body: payload,
      auth: (refresh) => options.auth(provider, call.key, refresh),
      refreshOn401: options.refreshOn401,
      headers: beta ? { 'anthropic-beta': beta } : {},
    });
    if (!response.ok) {
      const text = await readUpstreamErrorText(response);
      throw upstreamHttpError(provider, response.status, readAnthropicError(text), response.headers, secrets);
    }
    if (stream) {
      if (!response.body) throw upstreamInvalidResponse(provider, 'an empty body');
      return { kind: 'stream', chunks: translateAnthropicStream(response.body, call, jsonTool) };
    }
    const message = await readUpstreamJson<MessagesResponse>(provider, response, checkMessage);
    return { kind: 'completion', body: convertAnthropicResponse(message, jsonTool) };
  },
};
