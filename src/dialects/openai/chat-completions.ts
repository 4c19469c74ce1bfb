import { discriminators } from '../../../generated/openai/discriminators';
import { vCreateChatCompletionRequest } from '../../../generated/openai/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { streamedResponse } from '../../core/streamed-response';
import type { ChatRequest } from '../../core/types';
import { validateBody } from '../../core/validate';
import { dispatchChat } from '../../dispatch/dispatch';
import { encodeOpenAISse } from './encode-sse';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
} as const;

/** POST /v1/chat/completions */
export async function chatCompletions(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const body = validateBody<ChatRequest>(vCreateChatCompletionRequest, await readJsonBody(request, config.maxBodyBytes), discriminators);
  const { result, headers } = await dispatchChat(ctx, {
    model: body.model,
    request: () => body,
    includeUsage: body.stream_options?.include_usage === true,
  });
  if (result.kind === 'completion') {
    return new Response(JSON.stringify(result.body), { headers: { 'content-type': 'application/json', ...headers } });
  }
  return streamedResponse(request, encodeOpenAISse(result.chunks, ctx.log), { headers: { ...SSE_HEADERS, ...headers } });
}
