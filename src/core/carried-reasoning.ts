/**
 * Each vendor's replayable reasoning, carried in a reasoning item's `encrypted_content` so that a
 * client replaying its whole history (Codex, `store: false`) hands it back on the next turn:
 * Claude's signed thinking (canonical `reasoning_details`), Gemini's thought signatures (canonical
 * `tool_calls[].extra_content.google.thought_signature`, kept here by call id) and DeepSeek's
 * `reasoning_content`, which its tool loops need echoed.
 * @see https://platform.openai.com/docs/guides/reasoning#keeping-reasoning-items-in-context
 *
 * The value is the proxy's own, marked by a prefix: OpenAI's encrypted reasoning (a conversation
 * that moved from an OpenAI model) is not ours to read and is left out on the way to others.
 * It is encoded, not encrypted: it holds nothing the client did not already receive. The Anthropic
 * dialect carries Gemini's signatures in a thinking block's `signature` the same way, hence core.
 */
export interface CarriedReasoning {
  /** the reasoning text (DeepSeek and Kimi want it echoed; Claude's thinking text with its signature) */
  text?: string;
  /** canonical `reasoning_details` (Claude's signatures and redacted thinking) */
  details?: unknown[];
  /** Gemini thought signatures by the call id they belong to */
  signatures?: Record<string, string>;
}

const PREFIX = 'llm-api-proxy.v1.';

export const isEmpty = (carried: CarriedReasoning): boolean =>
  !carried.text && !carried.details?.length && !Object.keys(carried.signatures ?? {}).length;

export function sealReasoning(carried: CarriedReasoning): string {
  const bytes = new TextEncoder().encode(JSON.stringify(carried));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary);
}

/** The reasoning a value of ours carries; undefined for another's (OpenAI's) or a damaged one. */
export function openReasoning(value: string | null | undefined): CarriedReasoning | undefined {
  if (!value?.startsWith(PREFIX)) return undefined;
  try {
    const binary = atob(value.slice(PREFIX.length));
    const carried = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as unknown;
    return typeof carried === 'object' && carried !== null ? (carried as CarriedReasoning) : undefined;
  } catch {
    return undefined;
  }
}
