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

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Bytes per `String.fromCharCode` call: a thousand arguments are well within every engine's limit. */
const BLOCK = 1024;

// The bytes go to and from base64's binary string a block (or a plain loop) at a time: a string
// or a callback per byte made a Claude turn's reasoning (about 10 kB) cost hundreds of
// microseconds each way, and every request of a replayed conversation opens all of its turns.
export function sealReasoning(carried: CarriedReasoning): string {
  const bytes = encoder.encode(JSON.stringify(carried));
  let binary = '';
  for (let at = 0; at < bytes.length; at += BLOCK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(at, at + BLOCK) as unknown as number[]);
  }
  return PREFIX + btoa(binary);
}

/** The reasoning a value of ours carries; undefined for another's (OpenAI's) or a damaged one. */
export function openReasoning(value: string | null | undefined): CarriedReasoning | undefined {
  if (!value?.startsWith(PREFIX)) return undefined;
  try {
    const binary = atob(value.slice(PREFIX.length));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const carried = JSON.parse(decoder.decode(bytes)) as unknown;
    return typeof carried === 'object' && carried !== null ? (carried as CarriedReasoning) : undefined;
  } catch {
    return undefined;
  }
}
