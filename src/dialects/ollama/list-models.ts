import type { RequestContext } from '../../core/request-context';
import { listedModels } from '../../dispatch/listed-models';
import { modelSummary } from './model-details';
import type { OllamaPsResponse, OllamaTagsResponse } from './ollama-types';

/** GET /api/tags: every routable model, once per provider that serves it, and the aliases, as /v1/models lists them. */
export async function listTags(ctx: RequestContext): Promise<Response> {
  const models = await Promise.all(listedModels(ctx.config).map((entry) => modelSummary(entry.id, entry)));
  return Response.json({ models } satisfies OllamaTagsResponse);
}

/** GET /api/ps: a hosted model is always ready to answer, so every listed model counts as loaded. */
export async function listRunning(ctx: RequestContext): Promise<Response> {
  const models = await Promise.all(
    ctx.config.catalog.listing.map(async (entry) => ({
      ...(await modelSummary(entry.id, entry)),
      size_vram: 0,
      ...(entry.model.contextWindow ? { context_length: entry.model.contextWindow } : {}),
    })),
  );
  return Response.json({ models } satisfies OllamaPsResponse);
}
