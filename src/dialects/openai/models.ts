import type { ListedModel } from '../../core/catalog';
import type { RequestContext } from '../../core/request-context';
import type { ListModelsResponse, ModelObject } from '../../core/types';

// A fixed timestamp: the catalog has no creation dates and a changing one would look like churn.
const CREATED = 1700000000;

function toModelObject(entry: ListedModel): ModelObject {
  const { model } = entry;
  const out: ModelObject = { id: entry.id, object: 'model', created: CREATED, owned_by: entry.provider.id };
  if (model.contextWindow) out.context_window = model.contextWindow;
  out.capabilities = {
    tools: model.tools ?? false,
    vision: model.vision ?? false,
    reasoning: model.reasoning ?? false,
    embedding: model.embedding ?? false,
  };
  return out;
}

/** GET /v1/models */
export function listModels(ctx: RequestContext): Response {
  const body: ListModelsResponse = { object: 'list', data: ctx.config.catalog.listing.map(toModelObject) };
  return Response.json(body);
}

/** GET /v1/models/{id}: any id that routes, listed or reached by prefix or pattern. */
export function retrieveModel(ctx: RequestContext, id: string): Response {
  const { catalog } = ctx.config;
  const listed = catalog.listing.find((entry) => entry.id === id);
  if (listed) return Response.json(toModelObject(listed));
  const route = catalog.require(id);
  return Response.json(toModelObject({ id, provider: route.provider, model: route.model }));
}
