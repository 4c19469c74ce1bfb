/**
 * The common end of /api/chat and /api/generate: the canonical request goes to the routed
 * provider, and the reply comes back as Ollama sends it, NDJSON lines when streaming, else one
 * JSON object with `done: true`.
 */
import type { Route } from '../../core/catalog';
import { collectChatCompletion } from '../../core/collect-chat-completion';
import type { RequestContext } from '../../core/request-context';
import { streamedResponse } from '../../core/streamed-response';
import type { ChatRequest } from '../../core/types';
import { dispatchChat } from '../../dispatch/dispatch';
import { NDJSON_HEADERS, encodeOllamaNdjson } from './encode-ndjson';
import type { LineShape } from './ollama-lines';
import { wholeReply } from './ollama-reply';
import { resolveOllamaModel } from './require-ollama-model';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

export async function answerInOllamaShape(
  ctx: RequestContext,
  body: { readonly model: string; readonly stream?: boolean | undefined },
  convert: (route: Route) => ChatRequest,
  shape: LineShape,
  startedAt: number,
): Promise<Response> {
  const { result, servedName, fallback, headers } = await dispatchChat(ctx, {
    model: body.model,
    request: convert,
    // The last line reports token counts.
    includeUsage: true,
    resolve: resolveOllamaModel,
  });
  // The client's own spelling (`:latest` included) unless another model stepped in.
  const model = fallback ? servedName : body.model;
  const stream = body.stream !== false;
  if (stream && result.kind === 'stream') {
    return streamedResponse(ctx.request, encodeOllamaNdjson(result.chunks, model, shape, startedAt, ctx.log), {
      headers: { ...NDJSON_HEADERS, ...headers },
    });
  }
  const completion = result.kind === 'completion' ? result.body : await collectChatCompletion(result.chunks);
  const { piece, done } = wholeReply(completion, startedAt);
  const text = JSON.stringify(shape(model, piece, done));
  // A reply that came whole is still a valid stream: one line, with `done: true`.
  return new Response(stream ? `${text}\n` : text, { headers: { ...(stream ? NDJSON_HEADERS : JSON_HEADERS), ...headers } });
}

/** Ollama answers an empty chat or prompt by loading the model (with keep_alive 0, unloading it). */
export function loadResponse(shape: LineShape, model: string, keepAlive: string | number | undefined): Response {
  const unload = keepAlive === 0 || keepAlive === '0' || keepAlive === '0s';
  return Response.json(shape(model, { content: '' }, { done_reason: unload ? 'unload' : 'load' }));
}
