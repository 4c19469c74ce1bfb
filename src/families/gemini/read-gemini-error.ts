import type { VendorError } from '../../core/upstream-error';

interface GoogleError {
  error?: { code?: number; message?: string; status?: string; details?: Array<{ reason?: string }> };
}

/**
 * Google's `{error:{code, message, status, details}}` (Vertex sometimes wraps it in an array). An
 * invalid API key comes as 400 INVALID_ARGUMENT with reason API_KEY_INVALID or the message "API
 * key not valid": that is the operator's key, reported like a 401.
 */
export function readGeminiError(text: string, status: number): { vendor: VendorError; status: number } {
  try {
    const parsed = JSON.parse(text) as GoogleError | GoogleError[];
    const error = (Array.isArray(parsed) ? parsed[0] : parsed)?.error;
    // Some of Google's answers to a bad key carry only the message.
    const keyInvalid =
      error?.details?.some((d) => d.reason === 'API_KEY_INVALID') === true || /\bAPI key not valid\b/i.test(error?.message ?? '');
    return { vendor: { message: error?.message ?? text, code: error?.status }, status: keyInvalid ? 401 : status };
  } catch {
    return { vendor: { message: text || undefined }, status };
  }
}
