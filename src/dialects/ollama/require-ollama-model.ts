import type { Catalog, Route } from '../../core/catalog';
import type { Resolve } from '../../dispatch/candidates';

const LATEST = ':latest';

/**
 * The route for an Ollama model name. Ollama treats `name` and `name:latest` as one model and
 * some clients add the tag, so `:latest` is dropped when the tagged name is not itself listed.
 */
export const resolveOllamaModel: Resolve = (catalog, name) => {
  if (name.endsWith(LATEST) && !catalog.listing.some((entry) => entry.id === name)) {
    const route = catalog.resolve(name.slice(0, -LATEST.length));
    if (route) return route;
  }
  return catalog.resolve(name);
};

/** resolveOllamaModel, or the catalog's 404 `model_not_found` for a name that routes nowhere. */
export function requireOllamaModel(catalog: Catalog, name: string): Route {
  return resolveOllamaModel(catalog, name) ?? catalog.require(name);
}
