/**
 * Cohere chat response -> OpenAI chat completion. Text items are the answer, thinking items and
 * the tool plan (the model's account of the calls it is about to make) are `reasoning_content`.
 * Citations are dropped: they point into the text already given and to documents or tool
 * results the client itself sent, and OpenAI's message has no field for them.
 * @see https://docs.cohere.com/reference/chat
 */
import type { ConfiguredProvider } from '../../core/provider';
import type { ChatResponse, ChatResponseMessage } from '../../core/types';
import { upstreamInvalidResponse } from '../../core/upstream-error';
import { mapCohereFinishReason } from './map-cohere-finish-reason';
import { mapCohereUsage } from './map-cohere-usage';
import type { CohereResponse } from './types';

export function convertCohereResponse(reply: CohereResponse, model: string, provider: ConfiguredProvider): ChatResponse {
  const finish = mapCohereFinishReason(reply.finish_reason);
  if (!finish) throw upstreamInvalidResponse(provider, `the answer ended with ${reply.finish_reason}`);
  let text = '';
  let reasoning = reply.message.tool_plan ?? '';
  for (const item of reply.message.content ?? []) {
    switch (item.type) {
      case 'text':
        text += item.text;
        break;
      case 'thinking':
        reasoning += item.thinking;
        break;
    }
  }
  const toolCalls = (reply.message.tool_calls ?? []).map((c) => ({
    id: c.id,
    type: 'function' as const,
    function: { name: c.function?.name ?? '', arguments: c.function?.arguments || '{}' },
  }));
  const message: ChatResponseMessage = { role: 'assistant', content: text || (toolCalls.length ? null : '') };
  if (reasoning) message.reasoning_content = reasoning;
  if (toolCalls.length) message.tool_calls = toolCalls;
  const out: ChatResponse = {
    id: reply.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: finish }],
  };
  const usage = mapCohereUsage(reply.usage);
  if (usage) out.usage = usage;
  return out;
}
