/**
 * OpenAI embeddings -> Cohere `POST /v2/embed`. Cohere asks what the texts are for: a client may
 * say it as the vendor extra `input_type`; otherwise they are `search_document`, what an
 * OpenAI-style client indexing texts means (a query embedded the same way still matches).
 * Floats are asked for and the proxy encodes base64 itself, as OpenAI does (little-endian
 * float32), so both encodings give the same numbers. `dimensions` is `output_dimension`.
 * @see https://docs.cohere.com/reference/embed
 */
import { embedv2 } from '../../../generated/cohere/client';
import { embeddingInputTexts, embeddingResponse } from '../../core/embedding-vectors';
import { postUpstream } from '../../core/post-upstream';
import type { EmbedCall } from '../../core/provider';
import { readUpstreamJson } from '../../core/read-upstream-json';
import type { EmbeddingResponse } from '../../core/types';
import { checkCohereEmbeddings } from './check-cohere-reply';
import type { CohereOptions } from './options';
import { readCohereError } from './read-cohere-error';
import type { CohereEmbedInputType, CohereEmbedRequest } from './types';

const INPUT_TYPES: readonly CohereEmbedInputType[] = ['search_document', 'search_query', 'classification', 'clustering'];

export async function embedCohere(call: EmbedCall<CohereOptions>): Promise<EmbeddingResponse> {
  const { request, model } = call;
  const asked = (request as unknown as { input_type?: unknown }).input_type;
  const body: CohereEmbedRequest = {
    model: model.upstream,
    texts: embeddingInputTexts(request),
    input_type: INPUT_TYPES.find((t) => t === asked) ?? 'search_document',
    embedding_types: ['float'],
  };
  if (request.dimensions !== undefined) body.output_dimension = request.dimensions;
  const response = await postUpstream(call, embedv2(call.provider.baseUrl, call.key ?? '', { body }), readCohereError);
  const reply = await readUpstreamJson(call.provider, response, checkCohereEmbeddings);
  return embeddingResponse(
    model.upstream,
    reply.embeddings.float ?? [],
    reply.meta?.billed_units?.input_tokens ?? 0,
    request.encoding_format,
  );
}
