import type { FieldDecision } from '../../core/field-decisions';
import type { ChatCall } from '../../core/provider';
import { systemText } from '../../core/message-content';
import { refuseUnsupported } from '../../core/refuse-unsupported';
import type { AssistantExtensions, ChatMessage, ContentPartExtensions } from '../../core/types';
import type { OpenAICompatibleOptions } from './options';

/**
 * The upstream body for one call. Fields follow the provider's decisions (family defaults plus
 * its overrides); fields the spec does not know (vendor extras such as `enable_thinking` or
 * `top_k` sent through an SDK's `extra_body`) go through unchanged.
 */
export function convertToOpenAICompatibleRequest(call: ChatCall<OpenAICompatibleOptions>): Record<string, unknown> {
  refuseUnsupported(call);
  const { provider, model, request } = call;
  const options = provider.def.options;
  const fields = provider.fields as unknown as Record<string, FieldDecision | undefined>;
  const body: Record<string, unknown> = {};
  const source = request as unknown as Record<string, unknown>;

  for (const key in source) {
    const value = source[key];
    if (value === undefined) continue;
    const decision = fields[key];
    // Unsupported fields that got here hold their default, which the upstream may still refuse.
    if (decision ? decision.kind === 'passthrough' : options.vendorExtras !== false) body[key] = value;
  }

  body.model = model.upstream;
  const keepCacheMarks = options.cacheControl?.(model) ?? false;
  body.messages = request.messages.map((message) => {
    const sent = withoutContentOrder(options.echoReasoningContent ? message : withoutReasoning(message));
    return keepCacheMarks ? sent : withoutCacheMarks(sent);
  });
  if (request.tools) body.tools = keepCacheMarks ? request.tools : request.tools.map(withoutCacheMark);

  if (request.stream) {
    if (options.streamOptions !== false && call.includeUsage) body.stream_options = { include_usage: true };
  }

  const limit = request.max_completion_tokens ?? request.max_tokens;
  if (limit != null) {
    const field = options.maxTokensField?.(model) ?? (request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens');
    body[field] = limit;
  }

  if (request.temperature != null) {
    body.temperature = options.temperatureMax !== undefined ? Math.min(request.temperature, options.temperatureMax) : request.temperature;
  }

  if (model.reasoning && options.reasoningModelsReject) {
    for (const key of options.reasoningModelsReject) delete body[key];
  }
  if (request.reasoning_effort) {
    const patch = options.reasoningEffort
      ? options.reasoningEffort(request.reasoning_effort, model)
      : { reasoning_effort: request.reasoning_effort };
    if (patch) Object.assign(body, patch);
  }

  return body;
}

function withoutReasoning(message: ChatMessage): ChatMessage {
  if (message.role !== 'assistant' || !('reasoning_content' in message)) return message;
  const { reasoning_content: _dropped, ...rest } = message;
  return rest;
}

/** Chat Completions vendors take a turn's text and calls apart; the order of them is the proxy's (content-order.ts). */
function withoutContentOrder(message: ChatMessage): ChatMessage {
  if (message.role !== 'assistant' || !('content_order' in message)) return message;
  const { content_order: _dropped, ...rest } = message as typeof message & AssistantExtensions;
  return rest;
}

/** A content part or tool definition without its `cache_control`. */
function withoutCacheMark<T extends object>(item: T): T {
  if (!('cache_control' in item)) return item;
  const { cache_control: _dropped, ...rest } = item as T & ContentPartExtensions;
  return rest as T;
}

/**
 * Vendors other than OpenRouter's Claude refuse or ignore a part's `cache_control`; it goes only
 * where it works. A system message in parts only for their marks (the Anthropic dialect's system
 * blocks) is the one string it was before, as not every vendor takes system content parts.
 */
function withoutCacheMarks(message: ChatMessage): ChatMessage {
  if (!Array.isArray(message.content) || !message.content.some((part) => 'cache_control' in part)) return message;
  if (message.role === 'system' || message.role === 'developer') return { ...message, content: systemText(message.content) };
  return { ...message, content: message.content.map(withoutCacheMark) } as ChatMessage;
}
