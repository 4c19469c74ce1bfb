import { discriminators } from '../../../generated/ollama/discriminators';
import { vShowRequest } from '../../../generated/ollama/valibot.gen';
import type { ModelInfo } from '../../core/provider';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { validateBody } from '../../core/validate';
import { MODIFIED_AT, architectureOf, modelDetails } from './model-details';
import type { OllamaShowRequest, OllamaShowResponse } from './ollama-types';
import { requireOllamaModel } from './require-ollama-model';

function capabilitiesOf(model: ModelInfo): OllamaShowResponse['capabilities'] {
  if (model.embedding) return ['embedding'];
  const out: OllamaShowResponse['capabilities'] = ['completion'];
  if (model.tools) out.push('tools');
  if (model.vision) out.push('vision');
  if (model.reasoning) out.push('thinking');
  return out;
}

/**
 * POST /api/show: what the catalog knows about a model, where Ollama clients look for it
 * (`capabilities`; `model_info` with `general.architecture`, `general.basename` as the display
 * name and `<architecture>.context_length`). A name that routes nowhere is a 404.
 */
export async function showModel(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const raw = await readJsonBody(request, config.maxBodyBytes);
  // `name` is the older spelling of `model` (specs/README.md).
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const fields = raw as Record<string, unknown>;
    if (fields.model === undefined && fields.name !== undefined) fields.model = fields.name;
  }
  const body = validateBody<OllamaShowRequest>(vShowRequest, raw, discriminators);
  const route = requireOllamaModel(config.catalog, body.model);
  const architecture = architectureOf(route);
  const modelInfo: Record<string, unknown> = { 'general.architecture': architecture, 'general.basename': body.model };
  if (route.model.contextWindow) modelInfo[`${architecture}.context_length`] = route.model.contextWindow;
  const response: OllamaShowResponse = {
    modelfile: '',
    parameters: '',
    template: '',
    license: '',
    modified_at: MODIFIED_AT,
    details: modelDetails(route),
    model_info: modelInfo,
    capabilities: capabilitiesOf(route.model),
  };
  return Response.json(response);
}
