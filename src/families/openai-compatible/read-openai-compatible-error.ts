import type { ReadVendorError } from '../../core/post-upstream';
import type { VendorError } from '../../core/upstream-error';

// Not cut here: the message is redacted before it is cut (upstream-error.ts).
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The message, code and param of an error body from an OpenAI-compatible upstream:
 * `{error:{message,code,param}}` (OpenAI and most vendors), `{error:"..."}` (Ollama),
 * `{errors:[{code,message}]}` (Cloudflare's REST envelope), or plain text.
 */
export const readOpenAICompatibleError: ReadVendorError = (raw, status) => ({ vendor: readVendorError(raw), status });

function readVendorError(raw: string): VendorError {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { message: text(raw) };
  }
  if (typeof body === 'string') return { message: text(body) };
  if (!body || typeof body !== 'object') return {};
  const record = body as { error?: unknown; errors?: unknown; message?: unknown };
  if (typeof record.error === 'string') return { message: text(record.error) };
  const inner = (record.error ?? (Array.isArray(record.errors) ? record.errors[0] : undefined) ?? record) as Record<string, unknown>;
  const code = inner.code;
  return {
    message: text(inner.message) ?? text(JSON.stringify(inner)),
    code: typeof code === 'string' ? code : undefined,
    param: text(inner.param),
  };
}
