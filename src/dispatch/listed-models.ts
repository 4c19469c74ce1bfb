/**
 * What a model listing shows (`/v1/models`, `/api/tags`): the catalog's models, then every
 * `MODEL_ALIASES` name that routes, under the asked name with the model it stands for (in place
 * of a catalog entry of that name: the alias is what the name routes to), so a client that picks
 * from the list (Claude Code's `claude-*` names) finds them.
 */
import type { ListedModel } from '../core/catalog';
import type { Config } from '../core/config';

export function listedModels(config: Config): ListedModel[] {
  const { catalog, gateway } = config;
  const listed = catalog.listing.filter((entry) => !gateway.aliases.has(entry.id));
  for (const [asked, target] of gateway.aliases) {
    const route = catalog.resolve(target);
    if (route) listed.push({ id: asked, provider: route.provider, model: route.model });
  }
  return listed;
}
