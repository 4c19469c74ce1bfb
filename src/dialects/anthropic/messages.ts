/**
 * POST /v1/messages (Claude Code adds `?beta=true`; the query changes nothing). A model of the
 * anthropic family gets the client's body as it is (pass-through); any other is reached through
 * the canonical request, and its answer is turned back into a Message or Anthropic's events.
 * The choice is dispatch's, per candidate, so a fallback from Claude to another vendor translates.
 */
import { discriminators } from '../../../generated/anthropic/discriminators';
import { vCreateMessageParams } from '../../../generated/anthropic/valibot.gen';
import { readJson } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { streamedResponse } from '../../core/streamed-response';
import { validateBody } from '../../core/validate';
import { dispatchChat } from '../../dispatch/dispatch';
import { AnthropicStreamState } from './anthropic-stream-state';
import type { MessagesRequest } from './anthropic-types';
import { convertAnthropicMessagesRequest } from './convert-anthropic-messages-request';
import { convertChatCompletionToMessage } from './convert-chat-completion-to-message';
import { encodeAnthropicSse } from './encode-anthropic-sse';
import { fitMaxTokens } from './fit-max-tokens';
import { withoutForeignThinking } from './without-foreign-thinking';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
} as const;

export async function createMessage(ctx: RequestContext): Promise<Response> {
  const { config, request } = ctx;
  const { value: raw, text } = await readJson(request, config.maxBodyBytes);
  const body = validateBody<MessagesRequest>(vCreateMessageParams, raw, discriminators);
  const passed = withoutForeignThinking(raw as Record<string, unknown>);
  let canonical: ReturnType<typeof convertAnthropicMessagesRequest> | undefined;
  const { result, headers, servedName } = await dispatchChat(ctx, {
    model: body.model,
    // Converted once, and only when a candidate needs it: a request to Claude is never translated.
    request: (route) => fitMaxTokens((canonical ??= convertAnthropicMessagesRequest(body)), route.model),
    includeUsage: true,
    passThrough: { wire: 'anthropic-messages', operation: 'messages', body: passed, text: passed === raw ? text : undefined },
  });
  switch (result.kind) {
    case 'passed-through': {
      for (const [name, value] of Object.entries(headers)) result.headers.set(name, value);
      return streamedResponse(request, result.body, { status: result.status, headers: result.headers });
    }
    case 'completion':
      return Response.json(convertChatCompletionToMessage(result.body, servedName), { headers });
    case 'stream': {
      const state = new AnthropicStreamState(crypto.randomUUID().replace(/-/g, ''), servedName);
      return streamedResponse(request, encodeAnthropicSse(result.chunks, state, ctx.log), { headers: { ...SSE_HEADERS, ...headers } });
    }
  }
}
