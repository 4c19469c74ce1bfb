/**
 * Vertex AI embeddings: the text embeddings API, `publishers/google/models/{model}:predict` with
 * one instance per text and the token count of each in its statistics. gemini-embedding-001
 * takes one instance per call; the text-embedding models up to 250.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 */
import { postUpstream } from '../../core/post-upstream';
import type { EmbedCall, ModelInfo } from '../../core/provider';
import { readUpstreamJson } from '../../core/read-upstream-json';
import { checkEmbeddingPredictions } from './check-gemini-reply';
import type { EmbeddedBatch } from './embed-in-batches';
import { predictTextEmbeddingsCall, sendOptions } from './gemini-calls';
import type { GeminiOptions } from './options';
import { readGeminiError } from './read-gemini-error';
import type { GeminiTaskType, VertexEmbedRequest } from './types';

export const predictInstanceLimit = (model: ModelInfo): number => (/^gemini-embedding-/.test(model.upstream) ? 1 : 250);

export async function predictTextEmbeddings(
  call: EmbedCall<GeminiOptions>,
  texts: string[],
  taskType: GeminiTaskType,
): Promise<EmbeddedBatch> {
  const { request } = call;
  const body: VertexEmbedRequest = { instances: texts.map((content) => ({ content, task_type: taskType })) };
  if (request.dimensions !== undefined) body.parameters = { outputDimensionality: request.dimensions };
  const response = await postUpstream(call, predictTextEmbeddingsCall(call, body), readGeminiError, sendOptions(call));
  const reply = await readUpstreamJson(call.provider, response, checkEmbeddingPredictions);
  const counts = reply.predictions.map((p) => p.embeddings.statistics?.token_count);
  return {
    vectors: reply.predictions.map((p) => p.embeddings.values),
    tokens: counts.every((n) => n !== undefined) ? counts.reduce((sum, n) => sum + n, 0) : undefined,
  };
}
