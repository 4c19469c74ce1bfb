/**
 * POST /v1/responses and GET /v1/responses/{id}, the OpenAI Responses dialect (Codex CLI, the AI
 * SDK's default provider). OpenAI and Azure get the client's body on their own `/responses` and
 * their bytes come back as they are; every other target gets the canonical request
 * (convert-responses-request.ts) and its answer comes back as the response object or its event
 * stream (responses-stream.ts).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import { discriminators } from '../../../generated/openai/discriminators';
import { vCreateResponse } from '../../../generated/openai/valibot.gen';
import { badRequest, notFound } from '../../core/errors';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { streamedResponse } from '../../core/streamed-response';
import { validateBody } from '../../core/validate';
import { dispatchChat } from '../../dispatch/dispatch';
import { completionAsChunk } from './completion-as-chunk';
import { convertResponsesRequest, type ConvertedRequest } from './convert-responses-request';
import { encodeResponsesSse } from './encode-responses-sse';
import { newResponseObject } from './new-response-object';
import { keeperOf } from './keep-response';
import { conversationOf } from './resolve-conversation';
import { responseStoreOf } from './response-store';
import { ResponsesStreamTranslator } from './responses-stream';
import type { ResponsesRequest } from './responses-types';
import { tapNativeResponse } from './tap-native-response';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
} as const;

/** Hosted tools the target cannot run are left out, not refused (Codex sends them by default): this header names them. */
export const DROPPED_TOOLS_HEADER = 'x-proxy-dropped-tools';

/** Upstream headers a passed-through answer keeps; the body was decoded by fetch, so its encoding and length are not. */
const PASSED_HEADERS = ['content-type', 'x-request-id', 'openai-processing-ms'] as const;

export async function createResponse(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const body = validateBody<ResponsesRequest>(vCreateResponse, await readJsonBody(request, config.maxBodyBytes), discriminators);
  const lookup = responseStoreOf(config);
  const conversation = await conversationOf(body, lookup);
  // Expanded from the store, both paths get the conversation whole: the upstream needs no state of its own.
  const sent: ResponsesRequest =
    !conversation.missing && conversation.expanded ? { ...body, input: conversation.input, previous_response_id: null } : body;
  let converted: ConvertedRequest | undefined;
  const convert = (): ConvertedRequest => {
    // State the proxy does not have: a native upstream answers for its own, a translated target cannot.
    if (conversation.missing) throw conversation.missing;
    return (converted ??= convertResponsesRequest(sent));
  };
  // An answer that continued state only the upstream holds is not kept: replayed from here, that state would be missing.
  const store = body.store !== false && !conversation.missing ? lookup.store : undefined;
  const keep = keeperOf(ctx, store, conversation);

  const { result, headers } = await dispatchChat(ctx, {
    model: body.model,
    request: () => convert().request,
    includeUsage: true,
    // OpenAI and Azure get the client's body as it is (built-in tools keep working), unless turned off.
    ...(config.gateway.responsesNative
      ? { passThrough: { wire: 'openai-responses', operation: 'responses', body: sent as unknown as Record<string, unknown> } as const }
      : {}),
  });
  if (result.kind === 'passed-through') {
    const passed = new Headers(headers);
    for (const name of PASSED_HEADERS) {
      const value = result.headers.get(name);
      if (value !== null) passed.set(name, value);
    }
    const streamed = result.headers.get('content-type')?.includes('text/event-stream') ?? false;
    const kept = result.body && store ? tapNativeResponse(result.body, streamed, keep) : result.body;
    return streamedResponse(request, kept, { status: result.status, headers: passed });
  }

  const { index, droppedTools } = convert();
  const replyHeaders: Record<string, string> = { ...headers };
  if (droppedTools.length) replyHeaders[DROPPED_TOOLS_HEADER] = droppedTools.join(', ');
  const translator = new ResponsesStreamTranslator(newResponseObject(body), index);
  if (result.kind === 'completion') {
    translator.start();
    translator.push(completionAsChunk(result.body));
    translator.end();
    keep(translator.response);
    return new Response(JSON.stringify(translator.response), { headers: { 'content-type': 'application/json', ...replyHeaders } });
  }
  return streamedResponse(request, encodeResponsesSse(result.chunks, translator, keep, ctx.log), {
    headers: { ...SSE_HEADERS, ...replyHeaders },
  });
}

/** GET /v1/responses/{id}: a response the store kept. */
export async function retrieveResponse(ctx: RequestContext, id: string): Promise<Response> {
  const lookup = responseStoreOf(ctx.config);
  if (!lookup.store) throw badRequest(`Responses are not kept. ${lookup.why}`, null, 'stateless_proxy');
  const stored = await lookup.store.get(id);
  if (!stored) throw notFound(`No response found with id '${id}' (it may have expired: RESPONSES_STORE_TTL).`, 'response_not_found');
  return new Response(JSON.stringify(stored.response), { headers: { 'content-type': 'application/json' } });
}
