/**
 * The Messages API spoken by the client itself (the Anthropic dialect): its body goes upstream as
 * it is apart from routing (the model the route names; Vertex's URL and `anthropic_version`), with
 * its `anthropic-beta` header, so no field a future Anthropic release adds is lost on the way.
 */
import { postUpstream } from '../../core/post-upstream';
import type { PassThrough } from '../../core/provider';
import { passedThroughCall, sendOptions } from './anthropic-calls';
import type { AnthropicOptions } from './options';
import { readAnthropicError } from './read-anthropic-error';
import { watchPassedThrough } from './watch-passed-through';

export const anthropicPassThrough: PassThrough<AnthropicOptions> = {
  wire: 'anthropic-messages',
  send(call) {
    const operation = call.operation === 'count_tokens' ? 'count_tokens' : 'messages';
    const request = passedThroughCall(call, operation, call.inboundHeaders.get('anthropic-beta') ?? undefined);
    return postUpstream(call, request, readAnthropicError, sendOptions(call));
  },
  watch: watchPassedThrough,
};
