/**
 * What a thinking block's `signature` holds on the translated path. Claude's own signature means
 * something to Claude only. Gemini's thought signatures reach an Anthropic client inside a thinking
 * block's signature, in the proxy's own encoding (the one the Responses dialect uses for
 * `encrypted_content`, see src/core/carried-reasoning.ts): Claude Code replays its thinking blocks verbatim,
 * so they come back and go on the functionCall parts they came from, keyed by the tool_use id.
 * Thinking from vendors that sign nothing (DeepSeek, Kimi...) has an empty signature.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
import { openReasoning, sealReasoning } from '../../core/carried-reasoning';

export type ThinkingSignature =
  | { readonly kind: 'claude' }
  | { readonly kind: 'gemini'; readonly signatures: Readonly<Record<string, string>> }
  | { readonly kind: 'unsigned' };

export function readThinkingSignature(signature: string | undefined): ThinkingSignature {
  if (!signature) return { kind: 'unsigned' };
  const carried = openReasoning(signature);
  return carried ? { kind: 'gemini', signatures: carried.signatures ?? {} } : { kind: 'claude' };
}

/** The signature that carries one tool call's Gemini thought signature to the client. */
export const carryThoughtSignature = (toolUseId: string, signature: string): string =>
  sealReasoning({ signatures: { [toolUseId]: signature } });
