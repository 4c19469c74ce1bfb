/**
 * Claude's content blocks (an answer, or an assistant turn a client replays) as one OpenAI
 * assistant message: text joined, thinking as `reasoning_content` with its signatures in
 * `reasoning_details`, tool_use as tool calls. `jsonTool` names the forced tool whose input is
 * the answer's text.
 */
import type { ChatResponseMessage, ReasoningDetail } from '../../core/types';
import { REASONING_FORMAT } from './reasoning-details';

export type FoldableBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface FoldedBlocks {
  text: string;
  reasoning: string;
  details: ReasoningDetail[];
  toolCalls: NonNullable<ChatResponseMessage['tool_calls']>;
}

export function foldContentBlocks(blocks: readonly FoldableBlock[], jsonTool?: string): FoldedBlocks {
  const out: FoldedBlocks = { text: '', reasoning: '', details: [], toolCalls: [] };
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        out.text += block.text;
        break;
      case 'thinking':
        out.reasoning += block.thinking;
        out.details.push({
          type: 'reasoning.text',
          text: block.thinking,
          signature: block.signature,
          format: REASONING_FORMAT,
          index: out.details.length,
        });
        break;
      case 'redacted_thinking':
        out.details.push({ type: 'reasoning.encrypted', data: block.data, format: REASONING_FORMAT, index: out.details.length });
        break;
      case 'tool_use':
        if (block.name === jsonTool) out.text += JSON.stringify(block.input);
        else out.toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
        break;
    }
  }
  return out;
}
