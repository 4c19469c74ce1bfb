/**
 * POST /v1/responses, the OpenAI Responses dialect (Codex CLI, the AI SDK's default provider).
 * Targets that do not speak Responses get the canonical request (convert-responses-request.ts)
 * and their answer comes back as the response object or its event stream (responses-stream.ts).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import { discriminators } from '../../../generated/openai/discriminators';
import { vCreateResponse } from '../../../generated/openai/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { validateBody } from '../../core/validate';
import { dispatchChat } from '../../dispatch/dispatch';
import { completionAsChunk } from './completion-as-chunk';
import { convertResponsesRequest } from './convert-responses-request';
import { encodeResponsesSse } from './encode-responses-sse';
import { newResponseObject } from './new-response-object';
import { ResponsesStreamTranslator } from './responses-stream';
import type { ResponsesRequest } from './responses-types';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
} as const;

/** Hosted tools the target cannot run are left out, not refused (Codex sends them by default): this header names them. */
export const DROPPED_TOOLS_HEADER = 'x-proxy-dropped-tools';

export async function createResponse(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const body = validateBody<ResponsesRequest>(vCreateResponse, await readJsonBody(request, config.maxBodyBytes), discriminators);
  const converted = convertResponsesRequest(body);
  const { result, headers } = await dispatchChat(ctx, { model: body.model, request: () => converted.request, includeUsage: true });
  const replyHeaders: Record<string, string> = { ...headers };
  if (converted.droppedTools.length) replyHeaders[DROPPED_TOOLS_HEADER] = converted.droppedTools.join(', ');
  const translator = new ResponsesStreamTranslator(newResponseObject(body), converted.index);
  if (result.kind === 'completion') {
    translator.start();
    translator.push(completionAsChunk(result.body));
    translator.end();
    return new Response(JSON.stringify(translator.response), { headers: { 'content-type': 'application/json', ...replyHeaders } });
  }
  const stream = encodeResponsesSse(result.chunks, translator, () => undefined, ctx.log);
  return new Response(stream, { headers: { ...SSE_HEADERS, ...replyHeaders } });
}
