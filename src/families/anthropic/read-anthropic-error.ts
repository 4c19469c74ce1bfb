import type { ReadVendorError } from '../../core/post-upstream';
import type { VendorError } from '../../core/upstream-error';

/** `{type:"error", error:{type, message}}`; Vertex wraps some failures as Google errors `{error:{code, message, status}}`. */
export const readAnthropicError: ReadVendorError = (text, status) => ({ vendor: readVendorError(text), status });

function readVendorError(text: string): VendorError {
  try {
    const body = JSON.parse(text) as
      | { error?: { type?: unknown; message?: unknown; status?: unknown } }
      | Array<{ error?: { message?: unknown; status?: unknown } }>;
    const error = Array.isArray(body) ? body[0]?.error : body.error;
    const message = typeof error?.message === 'string' ? error.message : undefined;
    const code =
      typeof (error as { type?: unknown })?.type === 'string'
        ? (error as { type: string }).type
        : typeof error?.status === 'string'
          ? error.status
          : undefined;
    return { message: message ?? text, code };
  } catch {
    return { message: text || undefined };
  }
}
