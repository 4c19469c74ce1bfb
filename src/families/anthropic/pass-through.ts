/**
 * The Messages API spoken by the client itself (the Anthropic dialect): its body goes upstream as
 * it is apart from routing (the model the route names; Vertex's URL and `anthropic_version`), with
 * its `anthropic-beta` header, so no field a future Anthropic release adds is lost on the way.
 */
import type { PassThrough } from '../../core/provider';
import { readUpstreamErrorText } from '../../core/read-upstream-error-text';
import { sendUpstream } from '../../core/send-upstream';
import { upstreamHttpError } from '../../core/upstream-error';
import type { AnthropicOptions } from './options';
import { readAnthropicError } from './read-anthropic-error';
import type { MessagesRequest } from './types';
import { watchPassedThrough } from './watch-passed-through';

export const anthropicPassThrough: PassThrough<AnthropicOptions> = {
  wire: 'anthropic-messages',
  async send(call) {
    const { provider, model, secrets, inboundHeaders } = call;
    const options = provider.def.options;
    const routed = { ...call.body, model: model.upstream };
    const endpoint =
      call.operation === 'count_tokens'
        ? options.countTokensEndpoint(provider, model)
        : options.endpoint(provider, model, call.body.stream === true);
    const beta = inboundHeaders.get('anthropic-beta');
    const response = await sendUpstream(call, {
      url: endpoint.url,
      body: JSON.stringify(endpoint.body(routed as unknown as MessagesRequest)),
      auth: (refresh) => options.auth(provider, call.key, refresh),
      refreshOn401: options.refreshOn401,
      headers: beta ? { 'anthropic-beta': beta } : {},
    });
    if (!response.ok) {
      const { vendor, status } = readAnthropicError(await readUpstreamErrorText(response), response.status);
      throw upstreamHttpError(provider, status, vendor, response.headers, secrets);
    }
    return response;
  },
  watch: watchPassedThrough,
};
