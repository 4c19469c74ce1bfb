/**
 * The configured providers that can embed, each with one embedding model under the name that
 * routes to it, so that a refused embedding request tells the user what to ask for instead.
 * A family with embeddings is not enough (DeepSeek speaks the OpenAI wire and has no
 * embeddings): the catalog must list an embedding model for the provider.
 */
import type { Catalog } from '../core/catalog';

export function embeddingProviders(catalog: Catalog): string[] {
  const first = new Map<string, string>();
  for (const { id, provider, model } of catalog.listing) {
    if (model.embedding && provider.def.family.embed && !first.has(provider.id)) first.set(provider.id, `${provider.id} (\`${id}\`)`);
  }
  return [...first.values()];
}
