/**
 * The anthropic family: the Messages API, reached directly (Anthropic) or through Vertex AI
 * (rawPredict). The provider options say where and how to authenticate; everything else is here.
 */
import type { Family } from '../../core/provider';
import { sendUpstream } from '../../core/send-upstream';
import { upstreamHttpError, upstreamUnreachable } from '../../core/upstream-error';
import { translateAnthropicStream } from './anthropic-stream';
import { anthropicRequestFields } from './chat-request-fields';
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
      throw upstreamHttpError(provider, response.status, readAnthropicError(await response.text()), response.headers, secrets);
    }
    if (stream) {
      if (!response.body) throw upstreamUnreachable(provider, endpoint.url, new Error('empty response body'), secrets);
      return { kind: 'stream', chunks: translateAnthropicStream(response.body, call, jsonTool) };
    }
    return { kind: 'completion', body: convertAnthropicResponse((await response.json()) as MessagesResponse, jsonTool) };
  },
};
