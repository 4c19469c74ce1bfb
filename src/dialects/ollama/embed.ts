import { discriminators } from '../../../generated/ollama/discriminators';
import { vEmbedRequest, vEmbeddingsRequest } from '../../../generated/ollama/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import type { EmbeddingRequest, EmbeddingResponse } from '../../core/types';
import { validateBody } from '../../core/validate';
import { dispatchEmbed } from '../../dispatch/dispatch';
import { nanoseconds } from './nanoseconds';
import type { OllamaEmbedRequest, OllamaEmbedResponse, OllamaEmbeddingsRequest, OllamaEmbeddingsResponse } from './ollama-types';
import { resolveOllamaModel } from './require-ollama-model';

const vectorsInInputOrder = (response: EmbeddingResponse): number[][] =>
  [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);

/** POST /api/embed: one vector per input, in input order (decisions in ollama-request-fields.ts). */
export async function ollamaEmbed(ctx: RequestContext): Promise<Response> {
  const startedAt = Date.now();
  const { config, request } = ctx;
  const body = validateBody<OllamaEmbedRequest>(vEmbedRequest, await readJsonBody(request, config.maxBodyBytes), discriminators);
  const canonical: EmbeddingRequest = { model: body.model, input: body.input };
  if (body.dimensions !== undefined) canonical.dimensions = body.dimensions;
  const { result, headers } = await dispatchEmbed(ctx, body.model, canonical, resolveOllamaModel);
  const response: OllamaEmbedResponse = {
    model: body.model,
    embeddings: vectorsInInputOrder(result),
    total_duration: nanoseconds(Date.now() - startedAt),
    load_duration: 0,
    prompt_eval_count: result.usage?.prompt_tokens ?? 0,
  };
  return Response.json(response, { headers });
}

/** POST /api/embeddings, the older one-prompt form. */
export async function ollamaEmbeddings(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const body = validateBody<OllamaEmbeddingsRequest>(vEmbeddingsRequest, await readJsonBody(request, config.maxBodyBytes), discriminators);
  const { result, headers } = await dispatchEmbed(ctx, body.model, { model: body.model, input: body.prompt }, resolveOllamaModel);
  const response: OllamaEmbeddingsResponse = { embedding: vectorsInInputOrder(result)[0] ?? [] };
  return Response.json(response, { headers });
}
