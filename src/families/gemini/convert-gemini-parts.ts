/**
 * One candidate's parts as OpenAI message pieces, shared by the whole-response converter and the
 * stream translator (a streamed chunk carries parts of the same kinds).
 */
import type { ChatResponseMessage } from '../../core/types';
import { withSignature } from './thought-signature';
import type { GeminiPart } from './types';

type ToolCall = NonNullable<ChatResponseMessage['tool_calls']>[number];

export interface PartPieces {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
}

/**
 * Gemini's functionCall may have no id; the proxy names it after the response and position, so
 * the id is stable for the client and for the tool result that answers it.
 */
export function toolCallId(responseId: string | undefined, candidate: number, position: number, given: string | undefined): string {
  return given ?? `call_${responseId ?? 'gemini'}_${candidate}_${position}`;
}

export function convertGeminiParts(
  parts: readonly GeminiPart[],
  ids: { responseId: string | undefined; candidate: number; nextCall: number },
): PartPieces {
  const out: PartPieces = { text: '', reasoning: '', toolCalls: [] };
  for (const part of parts) {
    if (part.functionCall) {
      const { name, args, id } = part.functionCall;
      out.toolCalls.push({
        id: toolCallId(ids.responseId, ids.candidate, ids.nextCall++, id),
        type: 'function',
        function: { name, arguments: JSON.stringify(args ?? {}) },
        ...withSignature(part.thoughtSignature),
      });
    } else if (typeof part.text === 'string') {
      if (part.thought) out.reasoning += part.text;
      else out.text += part.text;
    }
  }
  return out;
}
