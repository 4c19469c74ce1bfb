/**
 * AI Studio embeddings: `models/{model}:batchEmbedContents`, one request per text (each naming
 * the model again), at most 100 per call. AI Studio reports no token count for embeddings.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 * @see https://github.com/langchain-ai/langchainjs/issues/4491 (the 100-request limit, as Google words it)
 */
import { postUpstream } from '../../core/post-upstream';
import type { EmbedCall } from '../../core/provider';
import { readUpstreamJson } from '../../core/read-upstream-json';
import { checkBatchEmbeddings } from './check-gemini-reply';
import type { EmbeddedBatch } from './embed-in-batches';
import { batchEmbedContentsCall, sendOptions } from './gemini-calls';
import type { GeminiOptions } from './options';
import { readGeminiError } from './read-gemini-error';
import type { GeminiBatchEmbedRequest, GeminiTaskType } from './types';

export const BATCH_EMBED_LIMIT = 100;

export async function batchEmbedContents(
  call: EmbedCall<GeminiOptions>,
  texts: string[],
  taskType: GeminiTaskType,
): Promise<EmbeddedBatch> {
  const { model, request } = call;
  const body: GeminiBatchEmbedRequest = {
    requests: texts.map((text) => ({
      model: `models/${model.upstream}`,
      content: { parts: [{ text }] },
      taskType,
      ...(request.dimensions !== undefined ? { outputDimensionality: request.dimensions } : {}),
    })),
  };
  const response = await postUpstream(call, batchEmbedContentsCall(call, body), readGeminiError, sendOptions(call));
  const reply = await readUpstreamJson(call.provider, response, checkBatchEmbeddings);
  return { vectors: (reply.embeddings ?? []).map((e) => e.values ?? []) };
}
