import type { EmbedCall } from '../../core/provider';
import type { EmbeddingResponse } from '../../core/types';
import { checkEmbeddings } from './check-openai-compatible-reply';
import type { OpenAICompatibleOptions } from './options';
import { postToUpstream } from './post-to-upstream';

/** POST `{base}/embeddings`: the request goes as is, with the routed upstream model id. */
export async function embedOpenAICompatible(call: EmbedCall<OpenAICompatibleOptions>): Promise<EmbeddingResponse> {
  const { data } = await postToUpstream('/embeddings', call, { ...call.request, model: call.model.upstream }, checkEmbeddings);
  return data as EmbeddingResponse;
}
