import type { Route } from './catalog';
import { badRequest } from './errors';
import type { RequestContext } from './request-context';
import type { EmbeddingRequest, EmbeddingResponse } from './types';

/** An embedding request, sent to the routed provider; a family without embeddings is a 400 naming the provider. */
export async function embed(ctx: RequestContext, route: Route, request: EmbeddingRequest): Promise<EmbeddingResponse> {
  const { provider, model } = route;
  const family = provider.def.family;
  if (!family.embed) {
    throw badRequest(
      `${provider.def.name} has no embeddings API the proxy can use: choose an embedding model of another provider (GET /v1/models marks them with capabilities.embedding).`,
      'model',
      'embeddings_unsupported',
    );
  }
  return family.embed({ provider, model, request, signal: ctx.request.signal, secrets: ctx.config.secrets });
}
