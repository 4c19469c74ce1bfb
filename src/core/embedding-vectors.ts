/**
 * Embedding requests and answers in OpenAI's terms for families that translate them: the input
 * as texts, and each vector in the encoding the client asked for.
 */
import { badRequest } from './errors';
import type { EmbeddingRequest, EmbeddingResponse } from './types';

/** The input as a list of texts; token-id inputs are OpenAI's own and no other vendor takes them. */
export function embeddingInputTexts(request: EmbeddingRequest): string[] {
  const { input } = request;
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw badRequest('This provider embeds text only: `input` must be a string or a list of strings.', 'input', 'invalid_input');
}

/** `base64` is OpenAI's: the little-endian float32 bytes of the vector, base64-encoded. */
export function encodeEmbedding(vector: number[], format: EmbeddingRequest['encoding_format']): number[] {
  if (format !== 'base64') return vector;
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  // OpenAI's own schema types `embedding` as numbers; its base64 answers put the string there.
  return btoa(binary) as unknown as number[];
}

/** OpenAI's answer from vectors in input order and the input tokens the upstream counted. */
export function embeddingResponse(
  model: string,
  vectors: readonly number[][],
  tokens: number,
  format: EmbeddingRequest['encoding_format'],
): EmbeddingResponse {
  return {
    object: 'list',
    model,
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encodeEmbedding(vector, format) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
