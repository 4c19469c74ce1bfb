import type { ListedModel } from '../../core/catalog';
import type { RequestContext } from '../../core/request-context';
import type { ListModelsResponse, ModelObject } from '../../core/types';
import { routeFor } from '../../dispatch/dispatch';
import { listedModels } from '../../dispatch/listed-models';

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
  const body: ListModelsResponse = { object: 'list', data: listedModels(ctx.config).map(toModelObject) };
  return Response.json(body);
}

/** GET /v1/models/{id}: any id that routes, listed, aliased or reached by prefix or pattern. */
export function retrieveModel(ctx: RequestContext, id: string): Response {
  const listed = listedModels(ctx.config).find((entry) => entry.id === id);
  if (listed) return Response.json(toModelObject(listed));
  const route = routeFor(ctx, id);
  return Response.json(toModelObject({ id, provider: route.provider, model: route.model }));
}
