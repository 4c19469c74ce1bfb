/**
 * The common end of /api/chat and /api/generate: the canonical request goes to the routed
 * provider, and the reply comes back as Ollama sends it, NDJSON lines when streaming, else one
 * JSON object with `done: true`.
 */
import type { Route } from '../../core/catalog';
import { collectChatCompletion } from '../../core/collect-chat-completion';
import type { RequestContext } from '../../core/request-context';
import type { ChatRequest } from '../../core/types';
import { NDJSON_HEADERS, encodeOllamaNdjson } from './encode-ndjson';
import type { LineShape } from './ollama-lines';
import { wholeReply } from './ollama-reply';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

export async function answerInOllamaShape(
  ctx: RequestContext,
  route: Route,
  request: ChatRequest,
  model: string,
  shape: LineShape,
  startedAt: number,
): Promise<Response> {
  const result = await route.provider.def.family.chat({
    provider: route.provider,
    model: route.model,
    request,
    // The last line reports token counts.
    includeUsage: true,
    signal: ctx.request.signal,
    secrets: ctx.config.secrets,
  });
  if (request.stream && result.kind === 'stream') {
    return new Response(encodeOllamaNdjson(result.chunks, model, shape, startedAt, ctx.log), { headers: NDJSON_HEADERS });
  }
  const body = result.kind === 'completion' ? result.body : await collectChatCompletion(result.chunks);
  const { piece, done } = wholeReply(body, startedAt);
  const text = JSON.stringify(shape(model, piece, done));
  // A reply that came whole is still a valid stream: one line, with `done: true`.
  return request.stream ? new Response(`${text}\n`, { headers: NDJSON_HEADERS }) : new Response(text, { headers: JSON_HEADERS });
}

/** Ollama answers an empty chat or prompt by loading the model (with keep_alive 0, unloading it). */
export function loadResponse(shape: LineShape, model: string, keepAlive: string | number | undefined): Response {
  const unload = keepAlive === 0 || keepAlive === '0' || keepAlive === '0s';
  return Response.json(shape(model, { content: '' }, { done_reason: unload ? 'unload' : 'load' }));
}
