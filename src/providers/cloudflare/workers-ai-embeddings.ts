/**
 * Workers AI embeddings through the `AI` binding: the OpenAI `input` goes as `text`, and the
 * text-embedding models' native answer `{shape, data, pooling?}` (`data` one vector per text, in
 * order) comes back as OpenAI's list. The binding reports no token count.
 * @see https://developers.cloudflare.com/workers-ai/models/bge-base-en-v1.5/
 */
import { embeddingResponse } from '../../core/embedding-vectors';
import type { EmbeddingRequest } from '../../core/types';

/** The native inputs of an OpenAI embeddings body (without its `model`). */
export const nativeEmbeddingInputs = ({ input }: Partial<EmbeddingRequest>): Record<string, unknown> => ({ text: input });

const isVectorList = (value: unknown): value is number[][] => Array.isArray(value) && value.every(Array.isArray);

/** `{shape, data}` -> OpenAI's answer; anything else is left for the family's reply check to judge. */
export function embeddingsFromNative(model: string, native: unknown, format: EmbeddingRequest['encoding_format']): unknown {
  const data = (native as { data?: unknown } | null)?.data;
  return isVectorList(data) ? embeddingResponse(model, data, 0, format) : native;
}
