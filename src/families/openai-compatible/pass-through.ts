/**
 * OpenAI's Responses API spoken by the client itself (the Responses dialect), for the providers
 * that have it (OpenAI, Azure: `responsesTarget`): the body goes upstream as the client sent it
 * apart from the model id, so built-in tools and every future field keep working, and the answer
 * comes back byte for byte.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import { postUpstream } from '../../core/post-upstream';
import type { PassedThroughWatcher, PassThrough } from '../../core/provider';
import { responsesCall, sendOptions } from './openai-compatible-endpoint';
import type { OpenAICompatibleOptions } from './options';
import { readOpenAICompatibleError } from './read-openai-compatible-error';

/**
 * The answer counts as begun with its first bytes: a Responses stream opens with
 * `response.created`, and OpenAI reports failures before it as HTTP errors, which are retried.
 * Usage is not read from the passing bytes (the access log shows none for these).
 */
function watchResponses(): PassedThroughWatcher {
  let answering = false;
  return {
    read: () => void (answering = true),
    get answering() {
      return answering;
    },
    error: undefined,
    usage: () => undefined,
  };
}

export const openaiResponsesPassThrough: PassThrough<OpenAICompatibleOptions> = {
  wire: 'openai-responses',
  serves: (provider) => provider.def.options.responsesTarget !== undefined,
  send: (call) =>
    postUpstream(
      call,
      responsesCall(call, JSON.stringify({ ...call.body, model: call.model.upstream })),
      readOpenAICompatibleError,
      sendOptions(call),
    ),
  watch: watchResponses,
};
