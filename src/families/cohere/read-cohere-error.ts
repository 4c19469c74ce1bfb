import type { ReadVendorError } from '../../core/post-upstream';

/**
 * Cohere's error body is `{id, message}`. Its 498 ("invalid token") is a rejected key like a 401.
 * @see https://docs.cohere.com/reference/errors
 */
export const readCohereError: ReadVendorError = (text, status) => {
  let message: string | undefined = text || undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body?.message === 'string') message = body.message;
  } catch {
    // not JSON: the text is the message
  }
  return { vendor: { message }, status: status === 498 ? 401 : status };
};
