/**
 * OpenAI embeddings -> Gemini, on AI Studio (batchEmbedContents) or Vertex AI (predict), as the
 * provider's platform says. Floats are asked for and the proxy encodes base64 itself (as the cohere
 * family does); `dimensions` is `outputDimensionality`. Usage is the upstream's count, 0 where
 * it gives none (AI Studio): OpenAI's shape has no way to say "unknown".
 */
import { embeddingInputTexts, embeddingResponse } from '../../core/embedding-vectors';
import type { EmbedCall } from '../../core/provider';
import type { EmbeddingResponse } from '../../core/types';
import { BATCH_EMBED_LIMIT, batchEmbedContents } from './batch-embed-contents';
import { embedInBatches, type EmbeddedBatch } from './embed-in-batches';
import { embeddingTaskType } from './embedding-task-type';
import type { GeminiOptions } from './options';
import { predictInstanceLimit, predictTextEmbeddings } from './predict-text-embeddings';

export async function embedGemini(call: EmbedCall<GeminiOptions>): Promise<EmbeddingResponse> {
  const { provider, model, request } = call;
  const taskType = embeddingTaskType(request);
  const texts = embeddingInputTexts(request);
  let embedded: EmbeddedBatch;
  switch (provider.def.options.platform) {
    case 'ai-studio':
      embedded = await embedInBatches(provider, texts, BATCH_EMBED_LIMIT, (batch) => batchEmbedContents(call, batch, taskType));
      break;
    case 'vertex':
      embedded = await embedInBatches(provider, texts, predictInstanceLimit(model), (batch) =>
        predictTextEmbeddings(call, batch, taskType),
      );
      break;
  }
  return embeddingResponse(model.upstream, embedded.vectors, embedded.tokens ?? 0, request.encoding_format);
}
