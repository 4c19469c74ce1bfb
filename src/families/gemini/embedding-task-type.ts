/**
 * What the texts of an embedding request are for. A client may say it as the vendor extra
 * `task_type` (Gemini's own values); otherwise they are documents to retrieve, what an
 * OpenAI-style client indexing texts means, as the cohere family's `search_document` default.
 * @see https://ai.google.dev/api/embeddings#tasktype
 */
import type { EmbeddingRequest } from '../../core/types';
import type { GeminiTaskType } from './types';

const TASK_TYPES: Record<GeminiTaskType, true> = {
  TASK_TYPE_UNSPECIFIED: true,
  RETRIEVAL_QUERY: true,
  RETRIEVAL_DOCUMENT: true,
  SEMANTIC_SIMILARITY: true,
  CLASSIFICATION: true,
  CLUSTERING: true,
  QUESTION_ANSWERING: true,
  FACT_VERIFICATION: true,
  CODE_RETRIEVAL_QUERY: true,
};

const isTaskType = (value: unknown): value is GeminiTaskType => typeof value === 'string' && Object.hasOwn(TASK_TYPES, value);

export function embeddingTaskType(request: EmbeddingRequest): GeminiTaskType {
  const asked = (request as unknown as { task_type?: unknown }).task_type;
  return isTaskType(asked) ? asked : 'RETRIEVAL_DOCUMENT';
}
