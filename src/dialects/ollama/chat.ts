import { discriminators } from '../../../generated/ollama/discriminators';
import { vChatRequest } from '../../../generated/ollama/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { validateBody } from '../../core/validate';
import { routeFor } from '../../dispatch/dispatch';
import { answerInOllamaShape, loadResponse } from './answer-in-ollama-shape';
import { convertOllamaChatRequest } from './convert-ollama-chat-request';
import { chatLine } from './ollama-lines';
import type { OllamaChatRequest } from './ollama-types';
import { resolveOllamaModel } from './require-ollama-model';

/** POST /api/chat */
export async function ollamaChat(ctx: RequestContext): Promise<Response> {
  const startedAt = Date.now();
  const { config, request } = ctx;
  const body = validateBody<OllamaChatRequest>(vChatRequest, await readJsonBody(request, config.maxBodyBytes), discriminators);
  if (body.messages.length === 0) {
    routeFor(ctx, body.model, resolveOllamaModel);
    return loadResponse(chatLine, body.model, body.keep_alive);
  }
  return answerInOllamaShape(ctx, body, (route) => convertOllamaChatRequest(body, route.model), chatLine, startedAt);
}
