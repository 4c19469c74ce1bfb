/**
 * What Ollama's model listings say about a model, from the catalog. The catalog has no files,
 * dates or quantization, so those are fixed or empty; the digest hashes the provider and the
 * upstream id, so it changes only when the model behind a name does.
 */
import type { Route } from '../../core/catalog';
import type { OllamaModelDetails, OllamaModelSummary } from './ollama-types';

// A fixed date: the catalog has none, and a changing one would look like churn (the instant of /v1/models `created`).
export const MODIFIED_AT = new Date(1700000000 * 1000).toISOString();

/** Ollama's `details.family` and `general.architecture`: the catalog's family, else the provider id. */
export const architectureOf = ({ provider, model }: Route): string => model.family ?? provider.id;

/** A size label such as `70B` when the id names one (`llama-3.3-70b-versatile`, `qwen3:8b`). */
function parameterSize(id: string): string {
  const match = /(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)b(?![a-z0-9])/i.exec(id);
  return match ? `${match[1]}B` : '';
}

export function modelDetails(route: Route): OllamaModelDetails {
  const family = architectureOf(route);
  // Every field present, empty where unknown, as Ollama sends them: typed clients expect strings.
  return {
    parent_model: '',
    format: '',
    family,
    families: [family],
    parameter_size: parameterSize(route.model.upstream),
    quantization_level: '',
  };
}

const encoder = new TextEncoder();

async function digestOf(route: Route): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', encoder.encode(`${route.provider.id}/${route.model.upstream}`));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A /api/tags entry under the name that routes to it. */
export async function modelSummary(name: string, route: Route): Promise<OllamaModelSummary> {
  return { name, model: name, modified_at: MODIFIED_AT, size: 0, digest: await digestOf(route), details: modelDetails(route) };
}
