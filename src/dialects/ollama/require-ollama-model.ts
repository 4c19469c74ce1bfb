import type { Catalog, Route } from '../../core/catalog';

const LATEST = ':latest';

/**
 * The route for an Ollama model name. Ollama treats `name` and `name:latest` as one model and
 * some clients add the tag, so `:latest` is dropped when the tagged name is not itself listed.
 * Unknown names are the catalog's 404 `model_not_found`.
 */
export function requireOllamaModel(catalog: Catalog, name: string): Route {
  if (name.endsWith(LATEST) && !catalog.listing.some((entry) => entry.id === name)) {
    const route = catalog.resolve(name.slice(0, -LATEST.length));
    if (route) return route;
  }
  return catalog.require(name);
}
