import type { ChatResponse, ChatResponseMessage } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { mapAnthropicUsage } from './map-anthropic-usage';
import { REASONING_FORMAT, type ReasoningDetail } from './reasoning-details';
import type { MessagesResponse } from './types';

/** Messages response -> OpenAI chat completion. */
export function convertAnthropicResponse(message: MessagesResponse, jsonTool: string | undefined): ChatResponse {
  let text = '';
  let reasoning = '';
  const details: ReasoningDetail[] = [];
  const toolCalls: NonNullable<ChatResponseMessage['tool_calls']> = [];
  for (const block of message.content) {
    switch (block.type) {
      case 'text':
        text += block.text;
        break;
      case 'thinking':
        reasoning += block.thinking;
        details.push({
          type: 'reasoning.text',
          text: block.thinking,
          signature: block.signature,
          format: REASONING_FORMAT,
          index: details.length,
        });
        break;
      case 'redacted_thinking':
        details.push({ type: 'reasoning.encrypted', data: block.data, format: REASONING_FORMAT, index: details.length });
        break;
      case 'tool_use':
        if (block.name === jsonTool) text += JSON.stringify(block.input);
        else toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
        break;
      default:
        unknownUpstreamValue('Anthropic content block type', block, undefined);
    }
  }
  const out: ChatResponseMessage = { role: 'assistant', content: text || (toolCalls.length ? null : '') };
  if (reasoning) out.reasoning_content = reasoning;
  if (details.length) (out as Record<string, unknown>).reasoning_details = details;
  if (toolCalls.length) out.tool_calls = toolCalls;
  // The forced JSON tool is how the answer arrives, not a call the client made.
  const finish = jsonTool && message.stop_reason === 'tool_use' ? 'stop' : mapAnthropicStopReason(message.stop_reason);
  return {
    id: message.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: message.model,
    choices: [{ index: 0, message: out, finish_reason: finish }],
    usage: mapAnthropicUsage(message.usage),
  };
}
