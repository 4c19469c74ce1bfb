import type { ReadVendorError } from '../../core/post-upstream';

/**
 * Cohere's error body is `{id, message}`. Its 498 `InvalidToken` is not a bad key (that is a
 * 401): the request or reply held a deny-listed token of text, so the client's request is refused
 * (400), with Cohere's message, and no key is blamed.
 * @see https://docs.cohere.com/reference/errors
 * @see https://github.com/cohere-ai/cohere-developer-experience/blob/main/cohere-openapi.yaml (components.responses.InvalidToken)
 */
export const readCohereError: ReadVendorError = (text, status) => {
  let message: string | undefined = text || undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body?.message === 'string') message = body.message;
  } catch {
    // not JSON: the text is the message
  }
  return { vendor: { message }, status: status === 498 ? 400 : status };
};
