/**
 * Gemini's thought signatures travel to OpenAI clients on the tool call they belong to, as
 * `extra_content.google.thought_signature` (the field Google's own OpenAI-compatible endpoint
 * uses), so a client that echoes the assistant message sends them back on the matching part.
 */
export interface ToolCallExtra {
  extra_content?: { google?: { thought_signature?: string } };
}

export const signatureOf = (call: unknown): string | undefined =>
  (call as ToolCallExtra | undefined)?.extra_content?.google?.thought_signature;

export const withSignature = (signature: string | undefined): ToolCallExtra =>
  signature ? { extra_content: { google: { thought_signature: signature } } } : {};

/**
 * Google's documented stand-in for a signature the client did not keep: Gemini 3 then accepts the
 * earlier function call instead of refusing the request.
 */
export const SKIP_SIGNATURE_VALIDATION = 'skip_thought_signature_validator';
