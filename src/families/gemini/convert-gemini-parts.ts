/**
 * One candidate's parts as OpenAI message pieces, shared by the whole-response converter and the
 * stream translator (a streamed chunk carries parts of the same kinds).
 */
import type { ChatResponseMessage } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import { withSignature } from './thought-signature';
import type { GeminiPart } from './types';

type ToolCall = NonNullable<ChatResponseMessage['tool_calls']>[number];

export interface PartPieces {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
}

/**
 * Every field of the spec's Part (a part is one of these kinds), and whether the answer reads it.
 * A kind added to the spec is a compile error here until it is decided.
 */
const PART_FIELDS = {
  text: 'read',
  thought: 'read',
  thoughtSignature: 'read',
  functionCall: 'read',
  // Media and function results are request-side kinds; a model's inline image is not an OpenAI chat answer.
  inlineData: 'ignored',
  fileData: 'ignored',
  functionResponse: 'ignored',
} as const satisfies Record<keyof GeminiPart, 'read' | 'ignored'>;

function noteUnknownFields(part: GeminiPart): void {
  for (const key in part) if (!Object.hasOwn(PART_FIELDS, key)) unknownUpstreamValue('Gemini part field', key as never, undefined);
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
    noteUnknownFields(part);
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
