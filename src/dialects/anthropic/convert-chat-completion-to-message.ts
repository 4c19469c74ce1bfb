/**
 * A canonical completion -> an Anthropic Message: thinking first (signed where the upstream signed
 * it), then text, then tool calls as `tool_use` blocks, the order Claude answers in; a call that
 * carries a Gemini thought signature follows a thinking block that holds it (thinking-signature.ts).
 * @see https://docs.anthropic.com/en/api/messages
 */
import { parseToolArguments } from '../../core/message-content';
import { signatureOf } from '../../families/gemini/thought-signature';
import type { AssistantExtensions, ChatResponse, ReasoningDetail } from '../../core/types';
import type { ContentBlock, Message } from './anthropic-types';
import { mapFinishReason } from './map-finish-reason';
import { mapUsage } from './map-usage';
import { carryThoughtSignature } from './thinking-signature';

/** Thinking blocks from a message's reasoning: signed details where there are some, else its text unsigned. */
export function thinkingBlocks(reasoning: string | undefined, details: readonly ReasoningDetail[] | undefined): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  for (const detail of details ?? []) {
    if (detail.type === 'reasoning.encrypted') blocks.push({ type: 'redacted_thinking', data: detail.data });
    else if (detail.signature) blocks.push({ type: 'thinking', thinking: detail.text ?? '', signature: detail.signature });
  }
  if (blocks.length === 0 && reasoning) blocks.push({ type: 'thinking', thinking: reasoning, signature: '' });
  return blocks;
}

/**
 * A Gemini thought signature goes in the thinking block just before its tool_use: the unsigned one
 * there (Gemini's thought summary), else an empty one, as Claude sends when thinking is not shown.
 */
function signThinkingBefore(content: ContentBlock[], signature: string): void {
  const last = content.at(-1);
  if (last?.type === 'thinking' && !last.signature) last.signature = signature;
  else content.push({ type: 'thinking', thinking: '', signature });
}

export function convertChatCompletionToMessage(body: ChatResponse, model: string): Message {
  const choice = body.choices[0];
  const message = (choice?.message ?? {}) as NonNullable<typeof choice>['message'] & AssistantExtensions;
  const content = thinkingBlocks(message.reasoning_content, message.reasoning_details);
  if (message.content) content.push({ type: 'text', text: message.content });
  for (const [i, call] of (message.tool_calls ?? []).entries()) {
    if (call.type !== 'function') continue;
    const input = parseToolArguments(call.function.arguments, `choices[0].message.tool_calls[${i}].function.arguments`);
    const thoughtSignature = signatureOf(call);
    if (thoughtSignature) signThinkingBefore(content, carryThoughtSignature(call.id, thoughtSignature));
    content.push({ type: 'tool_use', id: call.id, name: call.function.name, input });
  }
  return {
    id: `msg_${body.id}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: mapFinishReason(choice?.finish_reason),
    stop_sequence: null,
    usage: mapUsage(body.usage),
  };
}
