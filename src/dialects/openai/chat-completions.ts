import { discriminators } from '../../../generated/openai/discriminators';
import { vCreateChatCompletionRequest } from '../../../generated/openai/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import type { ChatRequest } from '../../core/types';
import { validateBody } from '../../core/validate';
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
  const route = config.catalog.require(body.model);
  const result = await route.provider.def.family.chat({
    provider: route.provider,
    model: route.model,
    request: body,
    includeUsage: body.stream_options?.include_usage === true,
    signal: request.signal,
    secrets: config.secrets,
    inboundHeaders: request.headers,
  });
  if (result.kind === 'completion') {
    return new Response(JSON.stringify(result.body), { headers: { 'content-type': 'application/json' } });
  }
  return new Response(encodeOpenAISse(result.chunks, ctx.log), { headers: SSE_HEADERS });
}
