/**
 * Signed thinking travels to OpenAI clients as `reasoning_details` on the assistant message (the
 * convention OpenRouter uses), so a client that echoes the message sends the signatures back and
 * a tool loop with thinking continues.
 */
export const REASONING_FORMAT = 'anthropic-claude-v1';

export type ReasoningDetail =
  | { type: 'reasoning.text'; text?: string; signature?: string; format?: string; index?: number }
  | { type: 'reasoning.encrypted'; data: string; format?: string; index?: number };

export function readReasoningDetails(value: unknown): ReasoningDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (d): d is ReasoningDetail =>
      typeof d === 'object' &&
      d !== null &&
      ((d as ReasoningDetail).type === 'reasoning.text' || (d as ReasoningDetail).type === 'reasoning.encrypted'),
  );
}
