import type { ChatResponse, ChatResponseMessage } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import { foldContentBlocks, type FoldableBlock } from './fold-content-blocks';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { mapAnthropicUsage } from './map-anthropic-usage';
import type { MessagesResponse } from './types';

/** The blocks the fold understands: a block type our spec adds stops the build here until it is decided. */
function foldable(block: MessagesResponse['content'][number]): FoldableBlock[] {
  switch (block.type) {
    case 'text':
    case 'thinking':
    case 'redacted_thinking':
    case 'tool_use':
      return [block];
    default:
      return unknownUpstreamValue('Anthropic content block type', block, []);
  }
}

/** Messages response -> OpenAI chat completion. */
export function convertAnthropicResponse(message: MessagesResponse, jsonTool: string | undefined): ChatResponse {
  const { text, reasoning, details, toolCalls } = foldContentBlocks(message.content.flatMap(foldable), jsonTool);
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
