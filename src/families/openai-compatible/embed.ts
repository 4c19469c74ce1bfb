import { postUpstream } from '../../core/post-upstream';
import type { EmbedCall } from '../../core/provider';
import { readUpstreamJson } from '../../core/read-upstream-json';
import type { EmbeddingResponse } from '../../core/types';
import { checkEmbeddings } from './check-openai-compatible-reply';
import { embeddingCall, sendOptions } from './openai-compatible-endpoint';
import type { OpenAICompatibleOptions } from './options';
import { readOpenAICompatibleError } from './read-openai-compatible-error';

/** `createEmbedding`: the request goes as is, with the routed upstream model id. */
export async function embedOpenAICompatible(call: EmbedCall<OpenAICompatibleOptions>): Promise<EmbeddingResponse> {
  const request = embeddingCall(call, { ...call.request, model: call.model.upstream });
  const response = await postUpstream(call, request, readOpenAICompatibleError, sendOptions(call));
  return readUpstreamJson(call.provider, response, checkEmbeddings);
}
