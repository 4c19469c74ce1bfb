/**
 * Which provider serves a model name (DESIGN section 5), decided from tables built once per
 * config: exact catalog ids, `provider/rest`, then family patterns.
 */
import type { ConfiguredProvider, ModelInfo } from './provider';

export interface Route {
  readonly provider: ConfiguredProvider;
  readonly model: ModelInfo;
}

export interface ListedModel {
  /** the id that routes to this provider */
  readonly id: string;
  readonly provider: ConfiguredProvider;
  readonly model: ModelInfo;
}

export interface Catalog {
  resolve(name: string): Route | undefined;
  /** each model once per provider that serves it */
  readonly listing: readonly ListedModel[];
}

export function buildCatalog(providers: readonly ConfiguredProvider[]): Catalog {
  const exact = new Map<string, Route>();
  const byId = new Map<string, ConfiguredProvider>();
  const knownPerProvider = new Map<ConfiguredProvider, Map<string, ModelInfo>>();
  for (const provider of providers) {
    byId.set(provider.id, provider);
    const known = new Map<string, ModelInfo>();
    for (const model of provider.models) {
      known.set(model.id, model);
      if (!exact.has(model.id)) exact.set(model.id, { provider, model });
    }
    knownPerProvider.set(provider, known);
  }

  const routeTo = (provider: ConfiguredProvider, name: string): Route => ({
    provider,
    model: knownPerProvider.get(provider)?.get(name) ?? { id: name, upstream: name },
  });

  const listing: ListedModel[] = [];
  for (const provider of providers) {
    for (const model of provider.models) {
      const id = exact.get(model.id)?.provider === provider ? model.id : `${provider.id}/${model.id}`;
      listing.push({ id, provider, model });
    }
  }

  return {
    listing,
    resolve(name) {
      const hit = exact.get(name);
      if (hit) return hit;
      const slash = name.indexOf('/');
      if (slash > 0) {
        const provider = byId.get(name.slice(0, slash));
        const rest = name.slice(slash + 1);
        if (provider && rest) return routeTo(provider, rest);
      }
      for (const provider of providers) {
        if (provider.def.patterns?.some((p) => p.test(name))) return routeTo(provider, name);
      }
      return undefined;
    },
  };
}
