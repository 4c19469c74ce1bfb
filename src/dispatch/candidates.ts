/**
 * The ordered list of models that may answer a request: the asked name (after `MODEL_ALIASES`),
 * then the rest of its `MODEL_FALLBACKS` chain. Fallback names that route nowhere are skipped;
 * when nothing routes, the catalog's 404 names what to configure.
 */
import type { Catalog, Route } from '../core/catalog';
import type { GatewaySettings } from '../core/gateway-settings';

export interface Candidate {
  /** the name this candidate was asked by (the alias target, or a fallback's name) */
  readonly name: string;
  readonly route: Route;
}

export type Resolve = (catalog: Catalog, name: string) => Route | undefined;

const defaultResolve: Resolve = (catalog, name) => catalog.resolve(name);

export function candidatesFor(catalog: Catalog, gateway: GatewaySettings, asked: string, resolve: Resolve = defaultResolve): Candidate[] {
  const name = gateway.aliases.get(asked) ?? asked;
  const chain = [name, ...(gateway.fallbacks.get(name) ?? gateway.fallbacks.get(asked) ?? [])];
  const candidates: Candidate[] = [];
  for (const model of chain) {
    const route = resolve(catalog, model);
    if (route) candidates.push({ name: model, route });
  }
  if (candidates.length === 0) catalog.require(name);
  return candidates;
}
