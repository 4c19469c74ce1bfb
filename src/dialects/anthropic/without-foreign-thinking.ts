/**
 * A request bound for Claude (the pass-through) without the thinking blocks Claude did not sign:
 * the proxy's own, from a translated answer (unsigned thinking of DeepSeek or Kimi, Gemini's
 * thought signatures carried in ours), which a client replays after a fallback or a change of
 * model. Anthropic checks the signature of every thinking block in every turn and refuses one it
 * did not issue ("Invalid `signature` in `thinking` block"); a request without such blocks is
 * passed on as it came. If the last assistant turn then calls tools without starting with thinking,
 * thinking is left off that request, as Anthropic requires that turn to start with it when on.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
import type { InputMessage } from './anthropic-types';
import { readThinkingSignature } from './thinking-signature';

type Block = Exclude<InputMessage['content'], string>[number];

const isForeign = (block: Block): boolean => block.type === 'thinking' && readThinkingSignature(block.signature).kind !== 'claude';

export function withoutForeignThinking(body: Record<string, unknown>): Record<string, unknown> {
  const messages = body.messages as InputMessage[];
  if (!messages.some((m) => m.role === 'assistant' && Array.isArray(m.content) && m.content.some(isForeign))) return body;
  const kept = messages.map((m) =>
    m.role === 'assistant' && Array.isArray(m.content) ? { ...m, content: m.content.filter((block) => !isForeign(block)) } : m,
  );
  const out: Record<string, unknown> = { ...body, messages: kept };
  const last = kept.findLast((m) => m.role === 'assistant');
  const content = Array.isArray(last?.content) ? last.content : [];
  const first = content[0]?.type;
  if (content.some((b) => b.type === 'tool_use') && first !== 'thinking' && first !== 'redacted_thinking') delete out.thinking;
  return out;
}
