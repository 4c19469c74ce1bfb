/**
 * Which provider serves a model name (DESIGN section 5), decided from tables built once per
 * config: exact catalog ids, `provider/rest`, then family patterns.
 */
import { capText } from './cap-text';
import { notFound } from './errors';
import type { ConfiguredProvider, ModelInfo, ProviderDefinition } from './provider';

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
  /** resolve, or a 404 `model_not_found` saying which variable would make the name routable */
  require(name: string): Route;
  /** each model once per provider that serves it */
  readonly listing: readonly ListedModel[];
}

/** A model name is echoed in messages to this length: enough to recognise it, never a megabyte. */
const MAX_ECHOED_NAME = 200;

/** The unconfigured provider that would serve `name`, to tell the user what to set. */
function wouldServe(name: string, unconfigured: readonly ProviderDefinition[]): ProviderDefinition | undefined {
  const slash = name.indexOf('/');
  const prefix = slash > 0 ? name.slice(0, slash) : undefined;
  return (
    unconfigured.find((d) => d.id === prefix) ??
    unconfigured.find((d) => d.models.some((m) => m.id === name)) ??
    unconfigured.find((d) => d.patterns?.some((p) => p.test(name)))
  );
}

export function buildCatalog(providers: readonly ConfiguredProvider[], definitions: readonly ProviderDefinition[] = []): Catalog {
  const configured = new Set(providers.map((p) => p.def));
  const unconfigured = definitions.filter((d) => !configured.has(d));
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

  const routeTo = (provider: ConfiguredProvider, name: string): Route => {
    const id = provider.def.modelId?.(name) ?? name;
    return { provider, model: knownPerProvider.get(provider)?.get(id) ?? { id, upstream: id } };
  };

  const listing: ListedModel[] = [];
  for (const provider of providers) {
    for (const model of provider.models) {
      const id = exact.get(model.id)?.provider === provider ? model.id : `${provider.id}/${model.id}`;
      listing.push({ id, provider, model });
    }
  }

  const resolve = (name: string): Route | undefined => {
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
  };

  return {
    listing,
    resolve,
    require(name) {
      const route = resolve(name);
      if (route) return route;
      const candidate = wouldServe(name, unconfigured);
      const hint = candidate
        ? ` It belongs to ${candidate.name}, which is not configured: set ${candidate.keyHint ?? candidate.env.key?.join(' or ') ?? candidate.env.baseUrl?.join(' or ')}.`
        : ' The model list (GET /v1/models, or /api/tags for Ollama clients) shows the ones that are; `<provider>/<model>` reaches any model of a configured provider.';
      throw notFound(`The model \`${capText(name, MAX_ECHOED_NAME)}\` is not served by any configured provider.${hint}`, 'model_not_found');
    },
  };
}
