/**
 * An upstream's error body as text, read to at most 64 KiB: what a client needs to know fits
 * in far less, and a 50 MB error page must not become a 50 MB message or log line.
 */
import type { UpstreamResponse } from './upstream-transport';

export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export async function readUpstreamErrorText(response: UpstreamResponse): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    while (size < MAX_ERROR_BODY_BYTES) {
      const { value, done } = await reader.read();
      if (done) return text + decoder.decode();
      const part = value.subarray(0, MAX_ERROR_BODY_BYTES - size);
      size += part.byteLength;
      text += decoder.decode(part, { stream: true });
    }
  } catch {
    // A body that breaks off still says what arrived.
    return text;
  }
  // Not awaited: some sources settle a cancel only when their next chunk comes.
  reader.cancel().catch(() => undefined);
  return text;
}
