import { discriminators } from '../../../generated/ollama/discriminators';
import { vGenerateRequest } from '../../../generated/ollama/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { validateBody } from '../../core/validate';
import { routeFor } from '../../dispatch/dispatch';
import { answerInOllamaShape, loadResponse } from './answer-in-ollama-shape';
import { convertOllamaGenerateRequest } from './convert-ollama-generate-request';
import { generateLine } from './ollama-lines';
import type { OllamaGenerateRequest } from './ollama-types';
import { resolveOllamaModel } from './require-ollama-model';

/** POST /api/generate */
export async function ollamaGenerate(ctx: RequestContext): Promise<Response> {
  const startedAt = Date.now();
  const { config, request } = ctx;
  const body = validateBody<OllamaGenerateRequest>(vGenerateRequest, await readJsonBody(request, config.maxBodyBytes), discriminators);
  if (!body.prompt && !body.images?.length) {
    routeFor(ctx, body.model, resolveOllamaModel);
    return loadResponse(generateLine, body.model, body.keep_alive);
  }
  return answerInOllamaShape(ctx, body, (route) => convertOllamaGenerateRequest(body, route.model), generateLine, startedAt);
}
